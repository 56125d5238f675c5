import { Injectable } from '@nestjs/common';
import type { DossierDetail } from '../dossiers/dossier.views.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { expectedOf } from '../common/expected.js';
import { SettingService } from '../settings/setting.service.js';
import type { ProposalConfirmationDto } from './dto/proposal-confirmation.dto.js';
import { planConfirmation, type ConfirmationPlan } from './proposal-confirmation.js';
import { DocumentCheckRepository } from './document-check.repository.js';
import { STATUS_LABEL } from './document-status.js';
import type { DocumentMarkDto } from './dto/document-mark.dto.js';
import type { DocumentCheckRow, ChecklistItem } from './document.views.js';
import { itemRefLabel } from '../rules/item-ref.js';
import { ruleName } from '../rules/rule-names.js';

/**
 * The paper documents of a dossier (rules.md doc.* rules): the checklist derived from its data,
 * and the secretariat's marks (found / missing / insufficient, with a note), after which the
 * checks run again. A mark names the one it replaces, so nobody overwrites another silently.
 */
@Injectable()
export class DocumentCheckService {
  constructor(
    private readonly marks: DocumentCheckRepository,
    private readonly dossiers: DossierService,
    private readonly checkQueue: CheckQueueService,
    private readonly audit: AuditService,
    private readonly settings: SettingService,
  ) {}

  async checklist(
    dossierId: string,
    user: SessionUser,
    ip: string | null,
  ): Promise<ChecklistItem[]> {
    const dossier = await this.dossiers.forReading(dossierId, user, ip, 'dossier.documents-viewed');
    const marks = await this.marks.list(dossier.id);
    return documentItems(dossier).map((c) => ({
      rule: c.rule,
      ref: c.ref,
      outcome: c.outcome,
      message: c.message,
      mark: marks.find((m) => m.rule === c.rule && m.ref === c.ref) ?? null,
      proposal: c.proposal ?? null,
    }));
  }

  async mark(
    dossierId: string,
    body: DocumentMarkDto,
    user: SessionUser,
  ): Promise<DocumentCheckRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const { rule, ref } = this.item(dossier, body.rule, body.ref);
    const { status, note } = body;
    const before = await this.marks.find(dossier.id, rule, ref);
    const saved = await this.marks.save(
      dossier.id,
      { rule, ref, status, note },
      dossier.revision,
      user.login,
      expectedOf(body.expected),
    );
    if (!saved) throw this.stale(rule, ref, await this.marks.find(dossier.id, rule, ref));
    await this.audit.record({
      actor: user.login,
      action: 'document.checked',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      before: before && { rule, ref, status: before.status, note: before.note },
      after: { rule, ref, status, note },
    });
    await this.checkQueue.requeue(dossier.roundId, [dossier.certNo]);
    return saved;
  }

  /** Back to pending (the mark was a mistake). */
  async unmark(
    dossierId: string,
    query: { rule?: unknown; ref?: unknown; expected?: unknown },
    user: SessionUser,
  ): Promise<DocumentCheckRow> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const { rule, ref } = this.item(dossier, query.rule, query.ref);
    const before = await this.marks.find(dossier.id, rule, ref);
    if (!before) throw new NotFoundError(`${label(rule, ref)}はまだ確認されていません`);
    const expected = expectedOf(query.expected) ?? undefined;
    if (!(await this.marks.remove(dossier.id, rule, ref, expected))) {
      throw this.stale(rule, ref, await this.marks.find(dossier.id, rule, ref));
    }
    await this.audit.record({
      actor: user.login,
      action: 'document.unchecked',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      before: { rule, ref, status: before.status, note: before.note },
    });
    await this.checkQueue.requeue(dossier.roundId, [dossier.certNo]);
    return before;
  }

  /**
   * What 「読み取り結果をまとめて確定」 would do for one envelope of the dossier, without doing
   * it: the proposals at or above the secretariat's threshold, those below, those a person
   * already marked.
   */
  async confirmation(
    dossierId: string,
    input: ProposalConfirmationDto,
    user: SessionUser,
    ip: string | null,
  ): Promise<ConfirmationPlan> {
    const { receiptNo } = input;
    const dossier = await this.dossiers.forReading(
      dossierId,
      user,
      ip,
      'dossier.proposals-viewed',
      {
        receiptNo,
      },
    );
    return this.planFor(dossier, receiptNo);
  }

  /**
   * Marks every proposal of one envelope the reader is sure of (at or above the threshold) as
   * a person confirming it would, where nobody marked the document yet: a person's mark always
   * wins, also one given meanwhile. Deficiencies carry the reader's evidence as their note.
   */
  async confirmProposals(
    dossierId: string,
    input: ProposalConfirmationDto,
    user: SessionUser,
  ): Promise<ConfirmationPlan> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    if (!(await this.marks.checksCurrent(dossier.id))) {
      throw new ConflictError(
        '読み取り結果をもとにチェックし直しているところです。数秒後に画面を再読み込みして、もう一度押してください',
      );
    }
    const plan = await this.planFor(dossier, input.receiptNo);
    const confirmed: ConfirmationPlan['confirm'] = [];
    for (const item of plan.confirm) {
      const proposal = dossier.checks.find(
        (c) => c.rule === item.rule && c.ref === item.ref,
      )!.proposal!;
      const note =
        item.status === 'found'
          ? null
          : `読み取りの提案を確定: ${proposal.evidence}`.slice(0, 1000);
      const saved = await this.marks.save(
        dossier.id,
        { rule: item.rule, ref: item.ref, status: item.status, note },
        dossier.revision,
        user.login,
        null,
      );
      if (saved) confirmed.push(item);
      else plan.alreadyMarked.push({ rule: item.rule, ref: item.ref });
    }
    if (confirmed.length > 0) {
      await this.audit.record({
        actor: user.login,
        action: 'document.proposals-confirmed',
        entity: 'dossier',
        entityId: dossier.id,
        roundId: dossier.roundId,
        certNo: dossier.certNo,
        after: { receiptNo: input.receiptNo, threshold: plan.threshold, confirmed },
      });
      await this.checkQueue.requeue(dossier.roundId, [dossier.certNo]);
    }
    return { ...plan, confirm: confirmed };
  }

  private async planFor(dossier: DossierDetail, receiptNo: string): Promise<ConfirmationPlan> {
    const envelopes = dossier.mail;
    if (!envelopes.some((m) => m.receiptNo === receiptNo)) {
      throw new NotFoundError(
        `郵便 ${receiptNo} はこの申請のものではありません。画面を再読み込みしてください`,
      );
    }
    const [marks, { confirmThreshold }] = await Promise.all([
      this.marks.list(dossier.id),
      this.settings.reading(),
    ]);
    // The mail is listed first arrived first: the last one is the latest.
    const latest = envelopes[envelopes.length - 1].receiptNo === receiptNo;
    const items = documentItems(dossier).map((c) => ({
      rule: c.rule,
      ref: c.ref,
      proposal: c.proposal ?? null,
      marked: marks.some((m) => m.rule === c.rule && m.ref === c.ref),
    }));
    return planConfirmation(items, { receiptNo, latest }, confirmThreshold);
  }

  /** The rule and ref named, when they are an item of the dossier's checklist. */
  private item(
    dossier: DossierDetail,
    rule: unknown,
    ref: unknown,
  ): { rule: string; ref: string | null } {
    const wanted = { rule: String(rule ?? ''), ref: ref ? String(ref) : null };
    const items = documentItems(dossier);
    if (items.length === 0) {
      throw new InvalidInputError(
        'この申請のチェックがまだ終わっていないため、書類の一覧がありません。しばらくしてから開き直してください',
      );
    }
    if (!items.some((c) => c.rule === wanted.rule && c.ref === wanted.ref)) {
      throw new InvalidInputError(`この申請の書類に${label(wanted.rule, wanted.ref)}はありません`, [
        { field: 'rule', message: '書類の一覧から選んでください' },
      ]);
    }
    return wanted;
  }

  private stale(rule: string, ref: string | null, latest: DocumentCheckRow | null) {
    return new ConflictError(
      latest
        ? `他の人が先に${label(rule, ref)}を「${STATUS_LABEL[latest.status]}」にしました(${latest.checkedBy}${latest.note ? `: ${latest.note}` : ''})。最新の内容を表示したので、確かめてからもう一度操作してください`
        : `他の人が先に${label(rule, ref)}の確認を取り消しました。最新の内容を表示したので、確かめてからもう一度操作してください`,
    );
  }
}

function documentItems(dossier: DossierDetail) {
  return dossier.checks.filter((c) => c.rule.startsWith('doc.'));
}

/** A document as people name it, in quotes: 「病院長公印(症例一覧表(2))」, 「参加証明 3」. */
function label(rule: string, ref: string | null): string {
  const name = rule.startsWith('doc.') ? ruleName(rule) : '指定の書類';
  if (!ref) return `「${name}」`;
  return rule === 'doc.attendance'
    ? `「${itemRefLabel(ref)}」`
    : `「${name}(${itemRefLabel(ref)})」`;
}
