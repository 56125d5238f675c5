import { Injectable } from '@nestjs/common';
import type { DossierDetail } from '../dossiers/dossier.views.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { expectedOf } from '../common/expected.js';
import type { ItemOverrideRow } from './decision.views.js';
import { ItemOverrideRepository } from './item-override.repository.js';

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
    private readonly checkQueue: CheckQueueService,
    private readonly audit: AuditService,
  ) {}

  async list(dossierId: string, user: SessionUser): Promise<ItemOverrideRow[]> {
    await this.dossiers.forWork(dossierId, user);
    return this.overrides.list(dossierId);
  }

  async set(
    dossierId: string,
    body: { ref?: unknown; accepted?: unknown; reason?: unknown; expected?: unknown },
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
    // `expected`: the override the caller saw (null: none, or its decidedAt). Another person's
    // change in between is not overwritten: 409 with who did what, and the console reloads.
    const expected = expectedOf(body.expected);
    const saved = await this.overrides.upsert(
      dossier.id,
      {
        ref,
        accepted: body.accepted as boolean,
        reason,
        revision: dossier.revision,
        decidedBy: user.login,
      },
      expected,
    );
    if (!saved) throw this.stale(ref, await this.overrides.find(dossier.id, ref));
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
    await this.checkQueue.requeue(dossier.roundId, [dossier.certNo]);
    return saved;
  }

  /** Back to the automatic result. */
  async remove(
    dossierId: string,
    ref: string,
    user: SessionUser,
    expected?: string,
  ): Promise<ItemOverrideRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const before = await this.overrides.find(dossier.id, ref);
    if (!before) {
      throw new NotFoundError(`「${ref}」の採否はまだ記録されていません(自動判定のままです)`);
    }
    if (!(await this.overrides.delete(dossier.id, ref, expectedOf(expected) ?? undefined))) {
      throw this.stale(ref, await this.overrides.find(dossier.id, ref));
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
    await this.checkQueue.requeue(dossier.roundId, [dossier.certNo]);
    return before;
  }

  private stale(ref: string, latest: ItemOverrideRow | null): ConflictError {
    return new ConflictError(
      latest
        ? `他の人が先に「${ref}」を${latest.accepted ? '採用' : '不採用'}にしました(${latest.decidedBy}: ${latest.reason})。最新の内容を表示したので、確かめてからもう一度操作してください`
        : `他の人が先に「${ref}」を自動判定に戻しました。最新の内容を表示したので、確かめてからもう一度操作してください`,
    );
  }
}
