import {
  CellError,
  checkDomesticPhone,
  checkPostalCodeZeros,
  checkZeroPadded,
  nfkc,
  parseDate,
  parseDateTime,
  parseInteger,
  parseYearMonth,
  SpreadsheetDamage,
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

describe('what a spreadsheet leaves of a cell (Excel)', () => {
  it.each(['6月27日', '6/27', '12-31'])(
    'refuses the date %s that lost its year, naming Excel',
    (raw) => {
      expect(() => parseDate(raw)).toThrow(SpreadsheetDamage);
      expect(() => parseDate(raw)).toThrow(
        `日付の年がありません(「${raw}」)。年が消えています (Excel で保存しましたか)`,
      );
    },
  );

  it('refuses a two-digit year as Excel writes it, and a date-time whose date lost its year', () => {
    expect(() => parseDate('21/6/27')).toThrow(SpreadsheetDamage);
    expect(() => parseDateTime('6/27 9:05')).toThrow(/年が消えています \(Excel で保存しましたか\)/);
  });

  it('reads yyyy/m/d and h:mm as they are', () => {
    expect(parseDate('2021/6/27')).toBe('2021-06-27');
    expect(parseDateTime('2021/6/27 9:05')).toBe('2021-06-27T09:05:00+09:00');
  });

  it('refuses a six-digit code that lost its leading zeros, and nothing else', () => {
    expect(() => checkZeroPadded('28361', 6)).toThrow(SpreadsheetDamage);
    expect(() => checkZeroPadded('28361', 6)).toThrow(
      '6 桁ではありません(「28361」。元は「028361」など)。先頭の 0 が消えています (Excel で保存しましたか)',
    );
    expect(checkZeroPadded('028361', 6)).toBe('028361');
    expect(checkZeroPadded('12345678', 6)).toBe('12345678');
    expect(checkZeroPadded('A123', 6)).toBe('A123');
  });

  it('refuses a postal code of five digits alone, not six (one digit short), shorter or hyphenated', () => {
    expect(() => checkZeroPadded('10932', 7, 5, false, 5)).toThrow(/元は「0010932」/);
    expect(checkZeroPadded('600001', 7, 5, false, 5)).toBe('600001');
    expect(checkZeroPadded('1234', 7, 5, false, 5)).toBe('1234');
    expect(checkZeroPadded('060-0001', 7, 5)).toBe('060-0001');
    expect(checkZeroPadded('1350093', 7, 5)).toBe('1350093');
  });

  it('refuses six digits that, with the lost 0 back, are the code of the address', () => {
    expect(() => checkPostalCodeZeros('600001', '北海道', '札幌市中央区北1条西2丁目')).toThrow(
      '7 桁ではありません(「600001」。「060-0001」なら住所の 北海道札幌市中央区 の番号です)。先頭の 0 が消えています (Excel で保存しましたか)',
    );
    expect(() => checkPostalCodeZeros('711423', '北海道', '東川町東町1-1')).toThrow(
      SpreadsheetDamage,
    );
    // One digit short: 010-0000 is 秋田市, not the 千代田区 of the address; 006-0000 is 手稲区.
    expect(checkPostalCodeZeros('100000', '東京都', '千代田区千代田1-1')).toBe('100000');
    expect(checkPostalCodeZeros('060000', '北海道', '札幌市中央区北1条西')).toBe('060000');
    expect(checkPostalCodeZeros('600001', '', '')).toBe('600001');
    expect(checkPostalCodeZeros('060-0001', '北海道', '札幌市中央区')).toBe('060-0001');
  });

  it('refuses 0 where 000000 (unknown) was written, not another number', () => {
    expect(() => checkZeroPadded('0', 6, 1, true)).toThrow(SpreadsheetDamage);
    expect(checkZeroPadded('1234', 6, 1, true)).toBe('1234');
  });

  it('refuses a phone number of digits alone that lost its first 0', () => {
    expect(() => checkDomesticPhone('312345678')).toThrow(/元は「0312345678」/);
    expect(() => checkDomesticPhone('9012345678')).toThrow(SpreadsheetDamage);
    expect(checkDomesticPhone('0312345678')).toBe('0312345678');
    expect(checkDomesticPhone('03-1234-5678')).toBe('03-1234-5678');
    expect(checkDomesticPhone('+81-3-1234-5678')).toBe('+81-3-1234-5678');
  });
});
