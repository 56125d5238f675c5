import { hyphenated, lookupPostalCode, postalDigits } from './postal-dictionary.js';

describe('the postal-code dictionary (Japan Post data, offline)', () => {
  it('reads a code as people write it: full-width, any hyphen or dash, spaces, 〒', () => {
    for (const written of [
      '100-0001',
      '1000001',
      '１００－０００１',
      '100ー0001',
      '100−0001',
      '100‐0001',
      ' 〒100 - 0001 ',
    ]) {
      expect(postalDigits(written)).toBe('1000001');
    }
    expect(postalDigits('100-001')).toBeNull();
    expect(postalDigits('100-00011')).toBeNull();
    expect(postalDigits(undefined)).toBeNull();
    expect(hyphenated('0600001')).toBe('060-0001');
  });

  it('finds regular codes with their prefecture, city and town', () => {
    expect(lookupPostalCode('１００－０００１')).toEqual([
      { code: '1000001', prefecture: '東京都', city: '千代田区', town: '千代田' },
    ]);
    expect(lookupPostalCode('071-1423')).toEqual([
      { code: '0711423', prefecture: '北海道', city: '上川郡東川町', town: '東町' },
    ]);
    // 2024: 浜松市's seven wards became three.
    expect(lookupPostalCode('430-0929')[0]).toMatchObject({ city: '浜松市中央区', town: '中央' });
    // The rest of a city: 以下に掲載がない場合.
    expect(lookupPostalCode('0100000')[0]).toMatchObject({
      prefecture: '秋田県',
      city: '秋田市',
      town: '',
    });
  });

  it('finds the codes of businesses and institutions', () => {
    expect(lookupPostalCode('113-8655')).toEqual([
      {
        code: '1138655',
        prefecture: '東京都',
        city: '文京区',
        town: '本郷',
        organisation: '東京大学医学部附属病院',
      },
    ]);
    expect(lookupPostalCode('100-8994')[0]).toMatchObject({
      city: '千代田区',
      organisation: '東京中央郵便局',
    });
  });

  it('knows no place for a code that does not exist, or for what is not a code', () => {
    expect(lookupPostalCode('100-0099')).toEqual([]);
    expect(lookupPostalCode('999-9999')).toEqual([]);
    expect(lookupPostalCode('100000')).toEqual([]);
    expect(lookupPostalCode('')).toEqual([]);
  });
});
