import { Injectable } from '@nestjs/common';
import type { DossierDetail } from '../applications/application.repository.js';
import { DossierService } from '../applications/dossier.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { CheckRepository } from '../checks/check.repository.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { ItemOverrideRepository, type ItemOverrideRow } from './item-override.repository.js';

/** The refs of a dossier's cases and attendances, as rules.md names them. */
function itemRefs(dossier: DossierDetail): Set<string> {
  return new Set([
    ...dossier.cases.map((c) => `case:${String(c.sheetNo)}-${String(c.caseNo)}`),
    ...dossier.attendances.map((a) => `attendance:${String(a.no)}`),
  ]);
}

/**
 * A reviewer accepts or rejects a single case or attendance against the automatic result,
 * always with a reason (rules.md); the dossier's checks run again so the counts, with spares
 * counting in place of rejected items, follow at once.
 */
@Injectable()
export class ItemOverrideService {
  constructor(
    private readonly overrides: ItemOverrideRepository,
    private readonly dossiers: DossierService,
    private readonly checks: CheckRepository,
    private readonly checkQueue: CheckQueueService,
    private readonly audit: AuditService,
  ) {}

  async list(dossierId: string, user: SessionUser): Promise<ItemOverrideRow[]> {
    await this.dossiers.forWork(dossierId, user);
    return this.overrides.list(dossierId);
  }

  async set(
    dossierId: string,
    body: { ref?: unknown; accepted?: unknown; reason?: unknown },
    user: SessionUser,
  ): Promise<ItemOverrideRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const ref = typeof body.ref === 'string' ? body.ref.trim() : '';
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 2000) : '';
    const problems: { field: string; message: string }[] = [];
    if (!itemRefs(dossier).has(ref)) {
      problems.push({
        field: 'ref',
        message: `この申請に「${ref}」の症例・学術集会はありません(case:一覧表-症例番号 か attendance:番号 で指定してください)`,
      });
    }
    if (typeof body.accepted !== 'boolean') {
      problems.push({ field: 'accepted', message: '採用するか不採用にするかを選んでください' });
    }
    if (!reason) {
      problems.push({ field: 'reason', message: '自動判定と違う扱いにする理由を書いてください' });
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const before = await this.overrides.find(dossier.id, ref);
    const saved = await this.overrides.upsert(dossier.id, {
      ref,
      accepted: body.accepted as boolean,
      reason,
      revision: dossier.revision,
      decidedBy: user.login,
    });
    await this.audit.record({
      actor: user.login,
      action: 'item.overridden',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      before: before && { ref, accepted: before.accepted, reason: before.reason },
      after: { ref, accepted: saved.accepted, reason: saved.reason },
    });
    await this.recheck(dossier);
    return saved;
  }

  /** Back to the automatic result. */
  async remove(dossierId: string, ref: string, user: SessionUser): Promise<ItemOverrideRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const before = await this.overrides.find(dossier.id, ref);
    if (!before || !(await this.overrides.delete(dossier.id, ref))) {
      throw new NotFoundError(`「${ref}」の採否はまだ記録されていません(自動判定のままです)`);
    }
    await this.audit.record({
      actor: user.login,
      action: 'item.override-removed',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      before: { ref, accepted: before.accepted, reason: before.reason },
    });
    await this.recheck(dossier);
    return before;
  }

  private async recheck(dossier: DossierDetail): Promise<void> {
    const targets = await this.checks.bumpInputs(dossier.roundId, [dossier.certNo]);
    await this.checkQueue.queue(targets);
  }
}
