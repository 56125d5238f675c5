import {
  formatJst,
  japaneseDate,
  japaneseDateTime,
  jstDay,
  parseDay,
  parseInstant,
  spreadsheetDateTime,
} from './japan-time.js';

describe('dates and instants', () => {
  it.each([
    ['2021-09-30', '2021-09-30'],
    ['2024-02-29', '2024-02-29'],
    ['2021-02-29', null],
    ['2021/09/30', null],
    [20210930, null],
  ])('parseDay(%p) is %p', (input, expected) => {
    expect(parseDay(input)).toBe(expected);
  });

  it.each([
    ['2021-09-16T23:59:59+09:00', '2021-09-16T14:59:59.000Z'],
    ['2021-09-16 23:59', '2021-09-16T14:59:00.000Z'],
    ['2021-09-16T14:59:59Z', '2021-09-16T14:59:59.000Z'],
    ['2021-09-16T24:00:00+09:00', null],
    ['2021-13-01T00:00:00+09:00', null],
    ['soon', null],
  ])('parseInstant(%p) is %p', (input, expected) => {
    expect(parseInstant(input)?.toISOString() ?? null).toBe(expected);
  });

  it('writes instants in Japan time and knows their Japanese day', () => {
    const instant = new Date('2021-09-16T15:30:00Z');
    expect(formatJst(instant)).toBe('2021-09-17T00:30:00+09:00');
    expect(jstDay(instant)).toBe('2021-09-17');
  });

  it('writes days and instants the Japanese way', () => {
    expect(japaneseDate('2022-04-05')).toBe('2022年4月5日');
    expect(japaneseDate('2021-06-27T00:00:00+09:00')).toBe('2021年6月27日');
    expect(japaneseDateTime(new Date('2021-06-27T15:05:00Z'))).toBe('2021年6月28日 00:05');
    expect(spreadsheetDateTime(new Date('2021-06-27T15:05:09Z'))).toBe('2021/06/28 00:05:09');
  });
});
