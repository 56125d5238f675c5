import { addressDisagreement, compareAddress } from './address-agreement.js';

const kindOf = (postalCode: string, prefecture: string, address: string) =>
  compareAddress({ postalCode, prefecture, address }).kind;

describe('an address compared with its postal code', () => {
  it('agrees when the code is of the prefecture and the address begins with its city', () => {
    expect(kindOf('100-0001', '東京都', '千代田区千代田1-1')).toBe('agrees');
    expect(kindOf('１１３８６５５', '東京都', '文京区本郷7-3-1')).toBe('agrees');
    expect(kindOf('060-0001', '北海道', '札幌市中央区北1条西2丁目')).toBe('agrees');
    expect(kindOf('430-0929', '静岡県', '浜松市中央区中央1-2-3')).toBe('agrees');
    // The prefecture written again at the start of the address.
    expect(kindOf('100-0001', '東京都', '東京都千代田区千代田1-1')).toBe('agrees');
  });

  it('accepts 郡 and a Tokyo island left out, and a 政令市 written without its ward', () => {
    expect(kindOf('071-1423', '北海道', '上川郡東川町東町1丁目')).toBe('agrees');
    expect(kindOf('071-1423', '北海道', '東川町東町1丁目')).toBe('agrees');
    expect(kindOf('678-1231', '兵庫県', '上郡町上郡1')).toBe('agrees');
    expect(kindOf('100-1101', '東京都', '三宅村神着')).toBe('agrees');
    expect(kindOf('060-0001', '北海道', '札幌市北一条西2丁目')).toBe('agrees');
  });

  it('reads past NFKC, variant kanji, ヶ for ケ and spaces', () => {
    expect(kindOf('253-0041', '神奈川県', '茅ケ崎市茅ヶ崎1-1')).toBe('agrees');
    expect(kindOf('850-0001', '長崎県', '長﨑市西山1-1')).toBe('agrees');
    expect(kindOf('060-0001', '北海道', '札幌市　中央区北１条西２丁目')).toBe('agrees');
    expect(kindOf('231-0023', '神奈川県', '横濱市中区山下町1')).toBe('agrees');
  });

  it('tells a code that does not exist from one whose prefecture or city is another', () => {
    expect(kindOf('100-0099', '東京都', '千代田区1-1')).toBe('unknown-code');
    expect(
      compareAddress({
        postalCode: '100-0001',
        prefecture: '大阪府',
        address: '大阪市北区梅田1-1',
      }),
    ).toMatchObject({
      kind: 'prefecture-disagrees',
      code: '100-0001',
      expected: '東京都千代田区',
    });
    expect(
      compareAddress({ postalCode: '1000001', prefecture: '東京都', address: '港区芝公園4-2-8' }),
    ).toMatchObject({
      kind: 'city-disagrees',
      expected: '東京都千代田区',
    });
    // Another ward of the same city, or a ward that is no more (浜松市中区 before 2024).
    expect(kindOf('060-0001', '北海道', '札幌市北区北八条西')).toBe('city-disagrees');
    expect(kindOf('430-0929', '静岡県', '浜松市中区中央1-2-3')).toBe('city-disagrees');
    // 大和郡山市 is no 郡: 山市 is not it shortened.
    expect(kindOf('639-1160', '奈良県', '山市北郡山町1')).toBe('city-disagrees');
    expect(kindOf('100-001', '東京都', '千代田区1-1')).toBe('no-code');
  });

  it('says what the postal-code data expects', () => {
    expect(
      addressDisagreement(
        compareAddress({ postalCode: '1000001', prefecture: '東京都', address: '港区芝公園' }),
      ),
    ).toBe(
      '郵便番号 100-0001 は 東京都千代田区 の番号です(市区町村が違います)。郵便番号か住所を確かめてください',
    );
    expect(
      addressDisagreement(
        compareAddress({ postalCode: '100-0099', prefecture: '東京都', address: '千代田区' }),
      ),
    ).toBe('郵便番号 100-0099 は郵便番号データにありません。郵便番号を確かめてください');
    expect(
      addressDisagreement(
        compareAddress({ postalCode: '100-0001', prefecture: '東京都', address: '千代田区千代田' }),
      ),
    ).toBeNull();
  });
});
