import { Injectable } from '@nestjs/common';
import type { DossierDetail } from '../dossiers/dossier.views.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { expectedOf } from '../common/expected.js';
import { checkInput, invalidInputError } from '../common/input-validation.js';
import { ItemOverrideDto } from './dto/item-override.dto.js';
import { ItemOverrideRepository } from './item-override.repository.js';
import type { ItemOverrideRow } from './decision.views.js';
import { itemRefLabel } from '../rules/item-ref.js';

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

  async list(dossierId: string, user: SessionUser, ip: string | null): Promise<ItemOverrideRow[]> {
    await this.dossiers.forReading(dossierId, user, ip, 'dossier.overrides-viewed');
    return this.overrides.list(dossierId);
  }

  /** `body` is read by ItemOverrideDto; one answer names its wrong fields and its ref. */
  async set(dossierId: string, body: unknown, user: SessionUser): Promise<ItemOverrideRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const { input, problems } = await checkInput(ItemOverrideDto, body);
    const { ref, accepted, reason } = input;
    if (!itemRefs(dossier).has(ref)) {
      problems.unshift({
        field: 'ref',
        message: `この申請に${refLabel(ref)}はありません。症例・学術集会の一覧から選び直してください`,
      });
    }
    if (problems.length > 0) throw invalidInputError(problems);
    const before = await this.overrides.find(dossier.id, ref);
    // `expected`: the override the caller saw (null: none, or its decidedAt). Another person's
    // change in between is not overwritten: 409 with who did what, and the console reloads.
    const expected = expectedOf(input.expected);
    const saved = await this.overrides.upsert(
      dossier.id,
      {
        ref,
        accepted,
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
      throw new NotFoundError(`${refLabel(ref)}の採否はまだ記録されていません(自動判定のままです)`);
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
        ? `他の人が先に${refLabel(ref)}を${latest.accepted ? '採用' : '不採用'}にしました(${latest.decidedBy}: ${latest.reason})。最新の内容を表示したので、確かめてからもう一度操作してください`
        : `他の人が先に${refLabel(ref)}を自動判定に戻しました。最新の内容を表示したので、確かめてからもう一度操作してください`,
    );
  }
}

/** A case or attendance as people name it, in quotes: 「症例一覧表(1) 6 行目」. */
const refLabel = (ref: string) => `「${itemRefLabel(ref)}」`;
