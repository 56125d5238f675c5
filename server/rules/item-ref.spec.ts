import { itemRefLabel, parseItemRef } from './item-ref.js';

describe('item refs', () => {
  it('reads each form of rules.md into its parts', () => {
    expect(parseItemRef('case:2-15')).toEqual({ kind: 'case', sheetNo: 2, row: 15 });
    expect(parseItemRef('sheet:1')).toEqual({ kind: 'sheet', sheetNo: 1 });
    expect(parseItemRef('attendance:3')).toEqual({ kind: 'attendance', no: 3 });
    expect(parseItemRef('payment:T-0012')).toEqual({ kind: 'payment', transactionId: 'T-0012' });
    expect(parseItemRef('mail:R2021-000296')).toEqual({ kind: 'mail', receiptNo: 'R2021-000296' });
    for (const odd of [null, '', 'case:1', 'case:', ':1', 'sheet:x', 'other:1']) {
      expect(parseItemRef(odd)).toBeNull();
    }
  });

  it('says each the way people do, never the raw ref', () => {
    expect(itemRefLabel('case:1-6')).toBe('症例一覧表(1) 6 行目');
    expect(itemRefLabel('sheet:1')).toBe('症例一覧表(1)');
    expect(itemRefLabel('attendance:1')).toBe('参加証明 1');
    expect(itemRefLabel('mail:R2021-000296')).toBe('郵便 R2021-000296');
    expect(itemRefLabel('payment:T-0012')).toBe('入金(取引番号 T-0012)');
    expect(itemRefLabel('case:x')).toBe('指定の項目');
    expect(itemRefLabel(null)).toBe('');
  });
});
