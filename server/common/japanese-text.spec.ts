import { compactText, normaliseText } from './japanese-text.js';

describe('japanese text', () => {
  it('reads circled and full-width digits as digits (NFKC)', () => {
    expect(normaliseText('第⑤⑨回 ⑳②①年')).toBe('第59回 2021年');
    expect(compactText('２０２１年　１０月')).toBe('2021年10月');
  });

  it('folds variant kanji and drops spaces and middle dots', () => {
    expect(compactText('髙橋 一郎')).toBe(compactText('高橋一郎'));
    expect(compactText('山﨑・邉見')).toBe('山崎辺見');
    expect(compactText('齋藤')).toBe(compactText('斉藤'));
    expect(compactText('渡邊 澤田 濱田 廣瀬 國分 櫻井 眞鍋')).toBe('渡辺沢田浜田広瀬国分桜井真鍋');
  });
});
