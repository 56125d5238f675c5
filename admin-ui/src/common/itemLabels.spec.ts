import polyglotI18nProvider from 'ra-i18n-polyglot';
import en from '../i18n/en';
import ja from '../i18n/ja';
import { documentLabel, refLabel, ruleLabel, type Translate } from './itemLabels';

const translateIn = (messages: typeof ja): Translate =>
  polyglotI18nProvider(() => messages, 'ja').translate as Translate;

describe('item labels', () => {
  const t = translateIn(ja);

  it('says every kind of ref the way people do', () => {
    expect(refLabel(t, 'case:1-6')).toBe('症例一覧表(1) 6 行目');
    expect(refLabel(t, 'sheet:1')).toBe('症例一覧表(1)');
    expect(refLabel(t, 'attendance:1')).toBe('参加証明 1');
    expect(refLabel(t, 'mail:R2021-000296')).toBe('郵便 R2021-000296');
    expect(refLabel(t, 'payment:T-0012')).toBe('入金(取引番号 T-0012)');
    expect(refLabel(t, null)).toBe('');
  });

  it('never shows a raw ref or rule ID, even one it does not know', () => {
    expect(refLabel(t, 'case:oops')).toBe('指定の項目');
    expect(ruleLabel(t, 'mail.postmark')).toBe('消印');
    expect(ruleLabel(t, 'future.rule')).toBe('その他の確認');
  });

  it('names documents by rule and item, an attendance proof once', () => {
    expect(documentLabel(t, 'doc.seal', 'sheet:2')).toBe('病院長公印 症例一覧表(2)');
    expect(documentLabel(t, 'doc.attendance', 'attendance:3')).toBe('参加証明 3');
    expect(documentLabel(t, 'doc.cover', null)).toBe('表紙(署名・押印)');
  });

  it('says them in English too', () => {
    const e = translateIn(en);
    expect(refLabel(e, 'case:1-6')).toBe('Case sheet (1), row 6');
    expect(refLabel(e, 'attendance:1')).toBe('Attendance proof 1');
  });
});
