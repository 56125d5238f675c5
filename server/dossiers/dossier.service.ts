import { Injectable } from '@nestjs/common';
import { AssignmentService } from '../assignments/assignment.service.js';
import type { AuditSortField } from '../audit/audit.repository.js';
import type { AuditRow, DossierRead } from '../audit/audit.views.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import { csvCell } from '../common/csv.js';
import type { ListQuery } from '../common/list-query.js';
import { elearningFieldKind } from '../rules/elearning-rules.js';
import { dossierWhere } from './dossier-filter.js';
import {
  DossierRepository,
  type DossierExportRow,
  type DossierSortField,
} from './dossier.repository.js';
import type {
  DossierDetail,
  DossierListRow,
  DossierNeighbours,
  DossierSummary,
} from './dossier.views.js';
import { ruleName } from '../rules/rule-names.js';

const VERDICT_LABEL: Record<string, string> = { pass: '適合', fail: '不適合', review: '要確認' };
const OUTCOME_LABEL: Record<string, string> = {
  pass: '済',
  fail: '不可',
  review: '要確認',
  pending: '未',
};

/** Columns of the list export, in Japanese as the secretariat's sheets name them. */
export const DOSSIER_EXPORT_HEADER = [
  '認定番号',
  '年度',
  '氏名',
  'ふりがな',
  '版',
  '自動判定',
  '算入症例数',
  '要確認症例数',
  '算入参加数',
  '判定',
  '判定の公開',
  '担当審査委員',
  '勤務先',
  '郵便物(消印)',
  '更新審査料',
  '通過していない規則',
];

function dossierCsvLine(row: DossierExportRow): string {
  const outcome = (rule: string) => OUTCOME_LABEL[row.outcomes[rule]] ?? '';
  return [
    row.certNo,
    row.roundId,
    row.name,
    row.kana,
    row.revision,
    row.verdict ? VERDICT_LABEL[row.verdict] : '未チェック',
    row.counts?.cases,
    row.counts?.casesUnderReview,
    row.counts?.attendances,
    row.decision?.decision,
    row.decision ? (row.decision.released ? '公開済' : '未公開') : '',
    row.reviewers.map((r) => r.displayName).join('、'),
    row.workplace,
    outcome('mail.postmark'),
    outcome('fee.review'),
    // By name, as people read them in Excel, not by rule ID.
    row.notPassed.map(ruleName).join('、'),
  ]
    .map(csvCell)
    .join(',');
}

/**
 * Dossiers as the console shows them. Reviewers see only the dossiers assigned to them; every
 * opening of a dossier (its cases are patient data) is written to the audit trail.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly applications: DossierRepository,
    private readonly assignments: AssignmentService,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery<DossierSortField>, user: SessionUser): Promise<[DossierListRow[], number]> {
    return this.applications.listDossiers(query, user.role === 'reviewer' ? user.id : null);
  }

  /** The previous and next dossiers in the caller's list, for going through it one by one. */
  async neighbours(
    id: string,
    query: ListQuery<DossierSortField>,
    user: SessionUser,
  ): Promise<DossierNeighbours> {
    const found = await this.applications.neighbours(
      id,
      query,
      user.role === 'reviewer' ? user.id : null,
    );
    return found ?? { previous: null, next: null, position: 0, total: 0 };
  }

  /**
   * The filtered list as CSV lines (the header first), page by page with no row cap. The
   * export is audited with its filter: it lists people.
   */
  async *exportCsv(filter: Record<string, unknown>, user: SessionUser): AsyncGenerator<string> {
    dossierWhere(filter, null); // a wrong filter throws here, before anything is sent
    yield '\uFEFF' + DOSSIER_EXPORT_HEADER.join(',') + '\r\n';
    let count = 0;
    for await (const page of this.applications.streamDossiers(
      filter,
      user.role === 'reviewer' ? user.id : null,
    )) {
      count += page.length;
      yield page.map((row) => dossierCsvLine(row)).join('\r\n') + '\r\n';
    }
    await this.audit.record({
      actor: user.login,
      action: 'dossiers.exported',
      entity: 'dossier',
      entityId: null,
      roundId: typeof filter.roundId === 'string' && filter.roundId ? filter.roundId : null,
      after: { filter, rows: count },
    });
  }

  /**
   * The dossier, when the caller may work on it: a reviewer only when it is assigned to them.
   * Opening it this way is not logged: callers that show its cases use {@link get}.
   */
  async forWork(id: string, user: SessionUser): Promise<DossierDetail> {
    return this.assertMayWorkOn(await this.find(id), user);
  }

  /**
   * The dossier for a panel that shows its personal data (its documents and proposals, its
   * decisions, its overrides): checked like {@link forWork}, and the reading audited as
   * `action`, once per reader in ten minutes (the console reloads a panel after each change).
   */
  async forReading(
    id: string,
    user: SessionUser,
    ip: string | null,
    action: DossierRead,
    details?: Record<string, unknown>,
  ): Promise<DossierDetail> {
    return this.readBy(await this.forWork(id, user), user, ip, action, details);
  }

  /**
   * The dossier's summary, checked like {@link forWork}: for the panels that need no more of it
   * (the decisions and their warnings), without reading the whole page again.
   */
  async summaryForWork(id: string, user: SessionUser): Promise<DossierSummary> {
    const dossier = await this.applications.findSummary(id);
    if (!dossier)
      throw new NotFoundError(`申請 ${id} はありません。申請一覧から選び直してください`);
    return this.assertMayWorkOn(dossier, user);
  }

  /** {@link summaryForWork}, the reading audited as {@link forReading} audits it. */
  async summaryForReading(
    id: string,
    user: SessionUser,
    ip: string | null,
    action: DossierRead,
  ): Promise<DossierSummary> {
    return this.readBy(await this.summaryForWork(id, user), user, ip, action);
  }

  async get(id: string, user: SessionUser, ip: string | null): Promise<DossierDetail> {
    const dossier = await this.find(id);
    if (!(await this.mayWorkOn(dossier, user))) {
      await this.audit.record({
        actor: user.login,
        action: 'dossier.view-refused',
        entity: 'dossier',
        entityId: dossier.id,
        roundId: dossier.roundId,
        certNo: dossier.certNo,
        ip,
      });
      throw new NotAllowedError(
        'この申請はあなたの担当ではないため表示できません。担当の変更は事務局に依頼してください',
      );
    }
    await this.audit.record({
      actor: user.login,
      action: 'dossier.viewed',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      after: { revision: dossier.revision, cases: dossier.cases.length },
      ip,
    });
    return dossier;
  }

  /**
   * The dossier's history: every audited event of its round and 認定番号, newest first. A
   * reviewer reads it for their own dossiers.
   */
  async history(
    id: string,
    query: ListQuery<AuditSortField>,
    user: SessionUser,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const dossier = await this.forWork(id, user);
    return this.audit.list({
      ...query,
      filter: { ...query.filter, roundId: dossier.roundId, certNo: dossier.certNo },
    });
  }

  /** Office staff work on every dossier; a reviewer only on those assigned to them. */
  /** The dossier, when the caller may work on it; else refused, saying whom to ask. */
  private async assertMayWorkOn<T extends { id: string }>(
    dossier: T,
    user: SessionUser,
  ): Promise<T> {
    if (!(await this.mayWorkOn(dossier, user))) {
      throw new NotAllowedError(
        'この申請はあなたの担当ではありません。担当の変更は事務局に依頼してください',
      );
    }
    return dossier;
  }

  /** Audits the reading of a dossier's panel (once per reader in ten minutes) and returns it. */
  private async readBy<T extends { id: string; roundId: string; certNo: string }>(
    dossier: T,
    user: SessionUser,
    ip: string | null,
    action: DossierRead,
    details?: Record<string, unknown>,
  ): Promise<T> {
    await this.audit.recordRead({
      actor: user.login,
      action,
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      after: details,
      ip,
    });
    return dossier;
  }

  private async mayWorkOn(dossier: { id: string }, user: SessionUser): Promise<boolean> {
    return user.role !== 'reviewer' || this.assignments.isAssigned(dossier.id, user.id);
  }

  private async find(id: string): Promise<DossierDetail> {
    const dossier = await this.applications.findDossier(id);
    if (!dossier)
      throw new NotFoundError(`申請 ${id} はありません。申請一覧から選び直してください`);
    for (const result of dossier.elearning) result.kind = elearningFieldKind(result.field);
    return dossier;
  }
}
