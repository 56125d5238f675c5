import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DossierRepository } from '../dossiers/dossier.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { RoundService } from '../rounds/round.service.js';
import { PaymentRepository, type PaymentRow, type PaymentSortField } from './payment.repository.js';

const ITEMS = ['更新審査料', '更新認定料'];
const STATUSES = ['入金済', '取消', '返金'];

/**
 * Payments: the reconciliation view of the provider's file and the ones entered by hand (a
 * bank transfer the provider does not know of). A payment entered re-runs the applicant's checks.
 */
@Injectable()
export class PaymentService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly applications: DossierRepository,
    private readonly rounds: RoundService,
    private readonly checkQueue: CheckQueueService,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery<PaymentSortField>): Promise<[PaymentRow[], number]> {
    return this.payments.list(query);
  }

  async counts(roundId: unknown): Promise<Record<string, number>> {
    const round = await this.rounds.get(typeof roundId === 'string' ? roundId : '');
    return this.payments.counts(round.id);
  }

  async enter(body: Record<string, unknown>, user: SessionUser): Promise<PaymentRow> {
    const round = await this.rounds.get(typeof body.roundId === 'string' ? body.roundId : '');
    const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').trim() : '');
    const whole = (v: unknown) =>
      typeof v === 'number' ? v : /^\d+$/.test(text(v)) ? Number(text(v)) : NaN;
    const p = {
      roundId: round.id,
      transactionId: text(body.transactionId) || `M${round.id}-${randomBytes(4).toString('hex')}`,
      certNo: text(body.certNo),
      item: text(body.item),
      amount: whole(body.amount),
      handlingFee: whole(body.handlingFee ?? 0),
      paidAt: text(body.paidAt),
      method: text(body.method) || '振込',
      status: text(body.status) || '入金済',
    };
    const problems: { field: string; message: string }[] = [];
    if (!p.certNo || !(await this.applications.findByCertNo(round.id, p.certNo))) {
      problems.push({
        field: 'certNo',
        message: `年度 ${round.id} に認定番号「${p.certNo}」の申請はありません。申請者を選び直してください`,
      });
    }
    if (!ITEMS.includes(p.item)) {
      problems.push({ field: 'item', message: `費目は ${ITEMS.join('・')} から選んでください` });
    }
    if (!Number.isInteger(p.amount) || p.amount < 0) {
      problems.push({ field: 'amount', message: '金額を 0 以上の整数(円)で入れてください' });
    }
    if (!Number.isInteger(p.handlingFee) || p.handlingFee < 0) {
      problems.push({
        field: 'handlingFee',
        message: '事務手数料を 0 以上の整数(円)で入れてください',
      });
    }
    if (Number.isNaN(new Date(p.paidAt).getTime())) {
      problems.push({ field: 'paidAt', message: '支払日時を入れてください(例: 2021-08-20T10:00)' });
    }
    if (!STATUSES.includes(p.status)) {
      problems.push({
        field: 'status',
        message: `状態は ${STATUSES.join('・')} から選んでください`,
      });
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((x) => x.message).join(' / '), problems);
    }
    if (await this.payments.exists(round.id, p.transactionId)) {
      throw new ConflictError(
        `取引番号 ${p.transactionId} はすでにあります。別の番号にするか、空欄にして自動で付けてください`,
      );
    }
    const paidAt = new Date(p.paidAt).toISOString();
    await this.payments.insertManual({ ...p, paidAt });
    await this.audit.record({
      actor: user.login,
      action: 'payment.entered',
      entity: 'payment',
      entityId: p.transactionId,
      roundId: round.id,
      certNo: p.certNo,
      after: { ...p, paidAt },
    });
    await this.checkQueue.requeue(round.id, [p.certNo]);
    return (await this.payments.find(round.id, p.transactionId))!;
  }
}
