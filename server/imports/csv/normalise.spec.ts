import {
  CellError,
  nfkc,
  parseDate,
  parseDateTime,
  parseInteger,
  parseYearMonth,
} from './normalise.js';

describe('cell readers of formats.md', () => {
  it.each([
    ['2021/09/30', '2021-09-30'],
    ['2021-09-30', '2021-09-30'],
    ['2021年9月30日', '2021-09-30'],
    ['2021/9/3', '2021-09-03'],
    ['2020/02/29', '2020-02-29'],
  ])('reads the date %s', (raw, day) => expect(parseDate(raw)).toBe(day));

  it('reads full-width dates after NFKC', () => {
    expect(parseDate(nfkc('２０２１／０９／３０'))).toBe('2021-09-30');
    expect(parseDate(nfkc('２０２１年９月３０日'))).toBe('2021-09-30');
  });

  it.each([
    '2021/13/01',
    '2021/02/30',
    '2021/02/29',
    '2021/00/10',
    'abc',
    '2021/09',
    '21/09/30',
    '',
  ])('refuses the date %s with a Japanese reason', (raw) => {
    expect(() => parseDate(raw)).toThrow(CellError);
    expect(() => parseDate(raw)).toThrow(/日付/);
  });

  it.each([
    ['2021/09', '2021-09'],
    ['2021-9', '2021-09'],
    ['2021年9月', '2021-09'],
  ])('reads the year-month %s', (raw, month) => expect(parseYearMonth(raw)).toBe(month));

  it.each(['2021/13', '2021/00', '2021/09/01', 'abc'])('refuses the year-month %s', (raw) =>
    expect(() => parseYearMonth(raw)).toThrow(CellError),
  );

  it.each([
    ['2021/09/16 23:59', '2021-09-16T23:59:00+09:00'],
    ['2021-09-16 23:59:59', '2021-09-16T23:59:59+09:00'],
    ['2021年9月16日 8:05', '2021-09-16T08:05:00+09:00'],
  ])('reads the date-time %s as Japan time', (raw, iso) => expect(parseDateTime(raw)).toBe(iso));

  it('reads a full-width date-time after NFKC', () => {
    expect(parseDateTime(nfkc('２０２１／０９／１６\u3000２３：５９'))).toBe(
      '2021-09-16T23:59:00+09:00',
    );
  });

  it.each([
    '2021/09/16',
    '2021/09/16 24:00',
    '2021/09/16 12:60',
    '2021/09/16 noon',
    '2021/02/30 10:00',
  ])('refuses the date-time %s', (raw) => expect(() => parseDateTime(raw)).toThrow(CellError));

  it('reads whole numbers, full-width and with thousands separators', () => {
    expect(parseInteger('76')).toBe(76);
    expect(parseInteger(nfkc('１２０'))).toBe(120);
    expect(parseInteger('11,000')).toBe(11000);
    expect(parseInteger('-3')).toBe(-3);
  });

  it.each(['abc', '7.5', '1e3', '十二', '99999999999999999999'])('refuses the number %s', (raw) => {
    expect(() => parseInteger(raw)).toThrow(/数値/);
  });

  it('NFKC-normalises and trims codes, leaving printable ASCII as it is', () => {
    expect(nfkc(' Ｓ００１ ')).toBe('S001');
    expect(nfkc('\u3000１２３－４５６７\u3000')).toBe('123-4567');
    expect(nfkc(' 012345 ')).toBe('012345');
    expect(nfkc('ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe('yamada@example.jp');
  });
});
