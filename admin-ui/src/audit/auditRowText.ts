import type { AuditRow } from '@server/audit/audit.views';
import type { Translate } from '../common/itemLabels';
import { japanDay, japanTimeOfDay } from '../common/japanTime';

/** An audit row as the API answers it (dates as text). */
export type AuditRowJson = Omit<AuditRow, 'at' | 'views'> & {
  at: string;
  views?: { count: number; firstAt: string; actions: string[] } | null;
};

/** What a row did: its action by name, or for a run of views 閲覧 ×3(10:02–10:15). */
export function auditActionText(
  translate: Translate,
  actionLabel: (action: string) => string,
  row: AuditRowJson,
): string {
  if (!row.views) return actionLabel(row.action);
  const sameDay = japanDay(row.views.firstAt) === japanDay(row.at);
  const from = sameDay
    ? japanTimeOfDay(row.views.firstAt)
    : `${japanDay(row.views.firstAt)} ${japanTimeOfDay(row.views.firstAt)}`;
  return translate('shinsa.audit.views', {
    n: row.views.count,
    from,
    to: japanTimeOfDay(row.at),
  });
}

/** What a row is about, by what people call it (申請 2021-0001, 郵便 R2021-000296), never an internal id. */
export function auditSubjectText(translate: Translate, row: AuditRowJson): string {
  const id = row.entityId ?? '';
  const subject = translate(`shinsa.audit.subjects.${row.entity}`, {
    id,
    certNo: row.certNo ?? '',
    roundId: row.roundId ?? '',
    _: translate('shinsa.audit.subjects.other'),
  });
  // A row of an envelope or a certificate of an applicant names them too.
  return row.certNo && row.entity !== 'dossier' ? `${subject}(${row.certNo})` : subject;
}
