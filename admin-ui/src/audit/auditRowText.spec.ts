import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { Translate } from '../common/itemLabels';
import en from '../i18n/en';
import ja from '../i18n/ja';
import { auditActionText, auditSubjectText, type AuditRowJson } from './auditRowText';

const translateIn = (messages: typeof ja): Translate =>
  polyglotI18nProvider(() => messages, 'ja').translate as Translate;

const row = (fields: Partial<AuditRowJson>): AuditRowJson => ({
  id: '1',
  at: '2026-04-01T01:15:00.000Z',
  actor: 'jimu',
  action: 'decision.recorded',
  entity: 'dossier',
  entityId: '42',
  roundId: '2021',
  certNo: '028092',
  ...fields,
});

describe('audit rows as a person reads them', () => {
  const t = translateIn(ja);
  const label = (action: string) => t(`shinsa.audit.actions.${action}`, { _: action });

  it('names a run of views by how many and when, in Japan time', () => {
    const views = { count: 3, firstAt: '2026-04-01T00:58:00.000Z', actions: ['dossier.viewed'] };
    expect(auditActionText(t, label, row({ action: 'dossier.viewed', views }))).toBe(
      '閲覧 ×3(09:58–10:15)',
    );
    const yesterday = { ...views, firstAt: '2026-03-31T00:58:00.000Z' };
    expect(auditActionText(t, label, row({ views: yesterday }))).toBe(
      '閲覧 ×3(2026年3月31日 09:58–10:15)',
    );
    expect(auditActionText(t, label, row({}))).toBe('判定の記録');
  });

  it('names what a row is about, never an internal id', () => {
    expect(auditSubjectText(t, row({}))).toBe('申請 028092');
    expect(auditSubjectText(t, row({ entity: 'envelope', entityId: 'R2021-000296' }))).toBe(
      '郵便 R2021-000296(028092)',
    );
    expect(auditSubjectText(t, row({ entity: 'user', entityId: 'iin', certNo: null }))).toBe(
      'アカウント iin',
    );
    expect(auditSubjectText(t, row({ entity: 'something-new', certNo: null }))).toBe('その他');
    expect(auditSubjectText(translateIn(en), row({}))).toBe('Dossier 028092');
  });
});
