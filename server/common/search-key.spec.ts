import { searchFold, searchKey, searchKeyOf, searchTerms } from './search-key.js';

describe('search keys', () => {
  it('folds kana of every width and script to one form', () => {
    expect(searchFold('ﾔﾏｻﾞｷ')).toBe('ヤマザキ');
    expect(searchFold('やまざき')).toBe('ヤマザキ');
    expect(searchFold('ｷｮｳｺ')).toBe(searchFold('きようこ'));
  });

  it('folds variant kanji, full-width digits and letters, spaces', () => {
    expect(searchFold('山﨑 太郎')).toBe('山崎太郎');
    expect(searchFold('髙橋')).toBe('高橋');
    expect(new Set(['斉藤', '齋藤', '斎藤', '齊藤'].map(searchFold)).size).toBe(1);
    expect(new Set(['渡辺', '渡邊', '渡邉'].map(searchFold)).size).toBe(1);
    expect(searchFold('０００２９６　ＮＴＴ病院')).toBe('000296ntt病院');
  });

  it('writes each character as four letters, a match starting only at a lead', () => {
    const key = searchKey('山崎');
    expect(key).toMatch(/^([A-Z][0-9a-z]{3}){2}$/);
    expect(searchKey('山﨑')).toBe(key);
    expect(searchKeyOf(['12345', '山﨑太郎', null, ''])).toBe(
      `${searchKey('12345')} ${searchKey('山崎太郎')}`,
    );
  });

  it('reads each typed word as a term, ideographic spaces included', () => {
    expect(searchTerms('山崎\u3000太郎  ')).toEqual([searchKey('山崎'), searchKey('太郎')]);
    expect(searchTerms(' ・ ')).toEqual([]);
  });
});
