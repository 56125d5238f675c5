import { Injectable } from '@nestjs/common';
import { AssignmentService } from '../assignments/assignment.service.js';
import type { AuditRow, AuditSortField } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import {
  ApplicationRepository,
  type DossierDetail,
  type DossierListRow,
  type DossierSortField,
} from './application.repository.js';

/**
 * Dossiers as the console shows them. Reviewers see only the dossiers assigned to them; every
 * opening of a dossier (its cases are patient data) is written to the audit trail.
 */
@Injectable()
export class DossierService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly assignments: AssignmentService,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery<DossierSortField>, user: SessionUser): Promise<[DossierListRow[], number]> {
    return this.applications.listDossiers(query, user.role === 'reviewer' ? user.id : null);
  }

  /**
   * The dossier, when the caller may work on it: a reviewer only when it is assigned to them.
   * Opening it this way is not logged: callers that show its cases use {@link get}.
   */
  async forWork(id: string, user: SessionUser): Promise<DossierDetail> {
    const dossier = await this.find(id);
    if (!(await this.mayWorkOn(dossier, user))) {
      throw new NotAllowedError(
        'この申請はあなたの担当ではありません。担当の変更は事務局に依頼してください',
      );
    }
    return dossier;
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

  /** The dossier's history: every audited event of its round and 認定番号, newest first. */
  async history(
    id: string,
    query: ListQuery<AuditSortField>,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const dossier = await this.find(id);
    return this.audit.list({
      ...query,
      filter: { ...query.filter, roundId: dossier.roundId, certNo: dossier.certNo },
    });
  }

  /** Office staff work on every dossier; a reviewer only on those assigned to them. */
  private async mayWorkOn(dossier: DossierDetail, user: SessionUser): Promise<boolean> {
    return user.role !== 'reviewer' || this.assignments.isAssigned(dossier.id, user.id);
  }

  private async find(id: string): Promise<DossierDetail> {
    const dossier = await this.applications.findDossier(id);
    if (!dossier)
      throw new NotFoundError(`申請 ${id} はありません。申請一覧から選び直してください`);
    return dossier;
  }
}
