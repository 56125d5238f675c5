import { unreadDateLine } from './page-reader.js';

describe('page reader', () => {
  it('looks again at lines that look like dates but read none', () => {
    // A slash read as a letter, 月 lost, a date cut by noise.
    expect(unreadDateLine('第56回日本癌治療学会学術集会 2018/10国18')).toBe(true);
    expect(unreadDateLine('会期 2018 年 10 日 18 日 ( 木 )')).toBe(true);
    expect(unreadDateLine('開催日 令和3年')).toBe(true);
    // Dates that read, and lines with no date in them.
    expect(unreadDateLine('第56回日本癌治療学会学術集会 2018/10/18')).toBe(false);
    expect(unreadDateLine('会期 2018年10月18日(木)~20日(土)')).toBe(false);
    expect(unreadDateLine('会員番号 : 5004')).toBe(false);
    expect(unreadDateLine('会場 パシフィコ横浜')).toBe(false);
  });
});
