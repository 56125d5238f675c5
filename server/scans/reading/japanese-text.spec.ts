import { editDistance, extractDates, fuzzyContains, fuzzyFind, isoDate } from './japanese-text.js';

describe('japanese text', () => {
  it('measures edits, bounded', () => {
    expect(editDistance('日本癌治療学会', '日本癌治療学会')).toBe(0);
    expect(editDistance('日本癌治療学会', '日本瘤治療学会')).toBe(1);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });

  it('finds a title through OCR noise, and not a different one', () => {
    const page = '参加証 第 5 9 回日本癌治療字会学術集会 会期 2021年10月21日';
    expect(fuzzyContains(page, '第59回日本癌治療学会学術集会')).toBe(true);
    const m = fuzzyFind(page, '第59回日本癌治療学会学術集会');
    expect(m?.distance).toBe(1);
    expect(fuzzyContains(page, '第42回日本乳癌学会学術総会')).toBe(false);
    expect(fuzzyContains('山田太郎', '山田花子')).toBe(false);
  });

  it('reads dates in 西暦 and 和暦, ranges included', () => {
    const dates = (s: string) => extractDates(s).map(isoDate);
    expect(dates('会期 2021年10月21日(木)～23日(土)')).toEqual(['2021-10-21', '2021-10-23']);
    expect(dates('令和3年10月21日')).toEqual(['2021-10-21']);
    expect(dates('令和元年5月1日')).toEqual(['2019-05-01']);
    expect(dates('発行日 2021/10/21 と R3.10.22 と H31.4.30')).toEqual([
      '2021-10-21',
      '2021-10-22',
      '2019-04-30',
    ]);
    expect(dates('⑳②①年⑩月②①日')).toEqual(['2021-10-21']);
    expect(dates('2021年2月30日 と 12/31')).toEqual([]);
  });

  it('reads dates through the OCR noise of a poor scan', () => {
    const dates = (s: string) => extractDates(s).map(isoDate);
    // A stray dot or a speck read as a digit before the date, apart from it.
    expect(dates('第57回日本癌治療学会学術集会 . 2019/10/24 国')).toEqual(['2019-10-24']);
    expect(dates('学術集会 ..2017/10/20 謀')).toEqual(['2017-10-20']);
    expect(dates('学術総会 8 2018/05/16 _')).toEqual(['2018-05-16']);
    // A slash read as 7 or 1 in a zero-padded date.
    expect(dates('教育セミナー 2019/03710 團')).toEqual(['2019-03-10']);
    expect(dates('学術集会 2018/10718')).toEqual(['2018-10-18']);
    expect(dates('学術集会 2018110/18')).toEqual(['2018-10-18']);
    // Not inside a longer number, nor a slash misread where none is.
    expect(dates('番号 12019/03/10 と 3.2019/03/10')).toEqual([]);
    expect(dates('2019/037100 と 2019/3710')).toEqual([]);
  });
});
