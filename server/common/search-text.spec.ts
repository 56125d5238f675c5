import { searchFold, searchGramsOf, searchTerms, searchTextOf } from './search-text.js';

describe('search text', () => {
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

  it('keeps fields apart, with the letters and pairs of each as grams', () => {
    const text = searchTextOf(['0296', '山﨑太郎', null, '']);
    expect(text).toBe('0296 山崎太郎');
    expect(searchGramsOf(text)).toEqual(
      ['0', '2', '9', '6', '02', '29', '96', '山', '崎', '太', '郎', '山崎', '崎太', '太郎'].sort(),
    );
  });

  it('reads each typed word as a term, with the grams a match must have', () => {
    expect(searchTerms('山﨑\u3000太郎  ')).toEqual([
      { folded: '山崎', grams: ['山崎'] },
      { folded: '太郎', grams: ['太郎'] },
    ]);
    expect(searchTerms('崎')).toEqual([{ folded: '崎', grams: ['崎'] }]);
    expect(searchTerms('ｱｱｱ')).toEqual([{ folded: 'アアア', grams: ['アア'] }]);
    expect(searchTerms(' ・ ')).toEqual([]);
  });
});
