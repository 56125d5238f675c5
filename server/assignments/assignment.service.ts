import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DashboardCacheService } from '../dashboard/dashboard-cache.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { UserEntity } from '../auth/user.entity.js';
import { UserRepository } from '../auth/user.repository.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { RoundService } from '../rounds/round.service.js';
import { uploadedName } from '../imports/import-upload.service.js';
import { sheetProblem } from '../common/sheet.js';
import { parseAssignmentCsv } from './assignment-csv.js';
import type { AssignmentDto } from './dto/assignment.dto.js';
import {
  AssignmentRepository,
  type AssignmentSortField,
  type NewAssignment,
} from './assignment.repository.js';
import type {
  AssignItemResult,
  AssignmentRow,
  AssignOutcome,
  AssignResult,
} from './assignment.views.js';
import { findConflicts } from './conflict-of-interest.js';

interface Request {
  certNo: string;
  reviewer: UserEntity;
  overrideReason: string | null;
  line?: number;
}

function summarise(items: AssignItemResult[]): AssignResult {
  const count = (outcome: AssignOutcome) => items.filter((i) => i.outcome === outcome).length;
  return {
    assigned: count('assigned'),
    overridden: count('overridden'),
    alreadyAssigned: count('already-assigned'),
    conflicts: count('conflict'),
    notFound: count('not-found'),
    items,
  };
}

/**
 * Reviewer assignment: the secretariat assigns dossiers to committee reviewers, one by one,
 * in bulk or from a sheet. A conflict of interest keeps a dossier from a reviewer unless an
 * admin overrides it with a reason; every assignment and removal is audited.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);

  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly users: UserRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
    private readonly dashboard: DashboardCacheService,
  ) {}

  list(query: ListQuery<AssignmentSortField>): Promise<[AssignmentRow[], number]> {
    return this.assignments.list(query);
  }

  async get(id: string): Promise<AssignmentRow> {
    const row = await this.assignments.findById(id);
    if (!row) throw new NotFoundError(`割り当て ${id} はありません(既に外された可能性があります)`);
    return row;
  }

  reviewers(roundId: string | null) {
    return this.assignments.reviewers(roundId);
  }

  /** Assigns the dossiers (by 認定番号) of the round to one reviewer. */
  async assign(body: AssignmentDto, actor: SessionUser): Promise<AssignResult> {
    const { roundId, certNos, reviewerId } = body;
    const overrideReason = this.overrideReasonOf(body.overrideReason, actor);
    await this.rounds.get(roundId);
    const reviewer = await this.users.findById(reviewerId);
    const unusable = this.reviewerProblem(reviewer, String(reviewerId));
    if (unusable)
      throw new InvalidInputError(unusable, [{ field: 'reviewerId', message: unusable }]);
    return summarise(
      await this.place(
        roundId,
        certNos.map((certNo) => ({ certNo, reviewer: reviewer!, overrideReason })),
        actor,
      ),
    );
  }

  /**
   * Assigns from a sheet (認定番号, 審査委員, optionally 上書き理由). A sheet with any unreadable
   * line, unknown reviewer or unknown 認定番号 assigns nothing, and every problem is listed; a
   * line with a conflict of interest is left out and reported, the others are assigned.
   */
  async assignFromCsv(
    roundId: string,
    file: { originalname: string; buffer: Buffer } | undefined,
    actor: SessionUser,
  ): Promise<AssignResult> {
    if (!file) {
      throw new InvalidInputError('割り当ての CSV ファイルを選んでください', [
        { field: 'file', message: '割り当ての CSV ファイルを選んでください' },
      ]);
    }
    await this.rounds.get(roundId);
    const name = uploadedName(file.originalname || '') || 'assignments.csv';
    const { lines, problems } = parseAssignmentCsv(file.buffer, name);

    const logins = [...new Set(lines.map((l) => l.reviewerLogin))];
    const reviewers = new Map((await this.users.findByLogins(logins)).map((u) => [u.login, u]));
    const dossiers = new Set(
      (await this.assignments.findDossiers(roundId, [...new Set(lines.map((l) => l.certNo))])).map(
        (d) => d.certNo,
      ),
    );
    for (const line of lines) {
      const unusable = this.reviewerProblem(
        reviewers.get(line.reviewerLogin) ?? null,
        line.reviewerLogin,
      );
      if (unusable) {
        problems.push(sheetProblem(name, line.line, '審査委員', unusable));
      }
      if (!dossiers.has(line.certNo)) {
        problems.push(
          sheetProblem(
            name,
            line.line,
            '認定番号',
            `年度 ${roundId} に認定番号 ${line.certNo} の申請はありません`,
          ),
        );
      }
      if (line.overrideReason && actor.role !== 'admin') {
        problems.push(
          sheetProblem(
            name,
            line.line,
            '上書き理由',
            '利益相反の上書きは管理者だけができます。この列を空にするか、管理者に依頼してください',
          ),
        );
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new InvalidInputError(
        `${name} に問題が ${problems.length} 件あるため、割り当ては 1 件も行っていません。直してからもう一度アップロードしてください`,
        problems,
      );
    }
    return summarise(
      await this.place(
        roundId,
        lines.map((l) => ({
          certNo: l.certNo,
          reviewer: reviewers.get(l.reviewerLogin)!,
          overrideReason: l.overrideReason,
          line: l.line,
        })),
        actor,
      ),
    );
  }

  /** Takes a dossier from a reviewer. */
  async remove(id: string, actor: SessionUser): Promise<AssignmentRow> {
    const row = await this.get(id);
    if (!(await this.assignments.delete(id))) {
      throw new NotFoundError(`割り当て ${id} はありません(既に外された可能性があります)`);
    }
    this.dashboard.invalidate();
    await this.audit.record({
      actor: actor.login,
      action: 'assignment.removed',
      entity: 'dossier',
      entityId: row.dossierId,
      roundId: row.roundId,
      certNo: row.certNo,
      before: {
        reviewer: row.reviewerLogin,
        assignedBy: row.assignedBy,
        overrideReason: row.overrideReason,
      },
    });
    this.logger.log(`${actor.login} took ${row.roundId}/${row.certNo} from ${row.reviewerLogin}`);
    return row;
  }

  /** Whether a reviewer may see the dossier: only the dossiers assigned to them. */
  isAssigned(dossierId: string, reviewerId: number): Promise<boolean> {
    return this.assignments.isAssigned(dossierId, reviewerId);
  }

  private overrideReasonOf(reason: string, actor: SessionUser): string | null {
    if (!reason) return null;
    if (actor.role !== 'admin') {
      throw new NotAllowedError(
        '利益相反のある割り当ては管理者だけが理由を付けて行えます。管理者に依頼してください',
      );
    }
    return reason.slice(0, 1000);
  }

  private reviewerProblem(user: UserEntity | null, who: string): string | null {
    if (!user) return `審査委員「${who}」のアカウントがありません。ログイン名を確かめてください`;
    if (user.role !== 'reviewer') {
      return `「${user.login}」は審査委員のアカウントではありません(役割: ${user.role})`;
    }
    if (!user.active) return `審査委員「${user.login}」のアカウントは無効になっています`;
    return null;
  }

  /** The shared core: conflicts found per dossier, then one insert and one audit batch. */
  private async place(
    roundId: string,
    requests: Request[],
    actor: SessionUser,
  ): Promise<AssignItemResult[]> {
    const dossiers = new Map(
      (
        await this.assignments.findDossiers(roundId, [...new Set(requests.map((r) => r.certNo))])
      ).map((d) => [d.certNo, d]),
    );
    const byReviewer = new Map<number, Set<string>>();
    for (const reviewer of new Set(requests.map((r) => r.reviewer.id))) {
      byReviewer.set(
        reviewer,
        await this.assignments.assignedAmong(
          reviewer,
          [...dossiers.values()].map((d) => d.id),
        ),
      );
    }

    const results: AssignItemResult[] = [];
    const inserts: (NewAssignment & { index: number })[] = [];
    for (const request of requests) {
      const base = {
        certNo: request.certNo,
        reviewerLogin: request.reviewer.login,
        line: request.line,
      };
      const dossier = dossiers.get(request.certNo);
      if (!dossier) {
        results.push({ ...base, outcome: 'not-found', conflicts: [] });
        continue;
      }
      if (byReviewer.get(request.reviewer.id)!.has(dossier.id)) {
        results.push({ ...base, outcome: 'already-assigned', conflicts: [] });
        continue;
      }
      const conflicts = findConflicts(
        { facilityNo: request.reviewer.workplaceFacilityNo, name: request.reviewer.workplaceName },
        dossier.places,
      );
      const overridden = conflicts.length > 0 && request.overrideReason !== null;
      results.push({
        ...base,
        outcome: conflicts.length === 0 ? 'assigned' : overridden ? 'overridden' : 'conflict',
        conflicts,
      });
      if (conflicts.length > 0 && !overridden) continue;
      inserts.push({
        index: results.length - 1,
        dossierId: dossier.id,
        reviewerId: request.reviewer.id,
        assignedBy: actor.login,
        conflicts,
        overrideReason: overridden ? request.overrideReason : null,
      });
    }

    const inserted = await this.assignments.insertMany(inserts);
    this.dashboard.invalidate();
    // Someone else assigned the same pair meanwhile: already assigned, not twice.
    for (const insert of inserts) {
      if (!inserted.has(`${insert.dossierId}:${insert.reviewerId}`)) {
        results[insert.index] = { ...results[insert.index], outcome: 'already-assigned' };
      }
    }
    const done = inserts.filter((i) => inserted.has(`${i.dossierId}:${i.reviewerId}`));
    await this.audit.recordMany(
      done.map((i) => ({
        actor: actor.login,
        action: i.overrideReason ? 'assignment.created-override' : 'assignment.created',
        entity: 'dossier',
        entityId: i.dossierId,
        roundId,
        certNo: results[i.index].certNo,
        after: {
          reviewer: results[i.index].reviewerLogin,
          ...(i.overrideReason ? { overrideReason: i.overrideReason, conflicts: i.conflicts } : {}),
        },
      })),
    );
    const refused = results.filter((r) => r.outcome === 'conflict').length;
    this.logger.log(
      `${actor.login} assigned ${done.length} dossiers of ${roundId}` +
        (refused > 0 ? `; ${refused} kept back by conflicts of interest` : ''),
    );
    return results;
  }
}
