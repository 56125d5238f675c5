import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DossierRepository } from '../dossiers/dossier.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { ConflictError } from '../common/domain-errors.js';
import { checkInput, invalidInputError } from '../common/input-validation.js';
import type { ListQuery } from '../common/list-query.js';
import { RoundService } from '../rounds/round.service.js';
import { PaymentEntryDto } from './dto/payment-entry.dto.js';
import { paymentsCsv, paymentsWorkbook } from './payment-export.js';
import { PaymentRepository, type PaymentSortField } from './payment.repository.js';
import type { PaymentRow, PaymentTotals } from './payment.views.js';

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

  /** The round's payments counted and summed per reconciliation and fee (the view's header). */
  async summary(roundId: unknown): Promise<PaymentTotals[]> {
    const round = await this.rounds.get(typeof roundId === 'string' ? roundId : '');
    return this.payments.summary(round.id);
  }

  /**
   * The filtered payments as a file for Excel (CSV) or to print (xlsx, with the round's totals);
   * audited with its filter, since it lists people and what they paid.
   */
  async export(
    filter: Record<string, unknown>,
    format: 'csv' | 'xlsx',
    user: SessionUser,
  ): Promise<{ body: Buffer; fileName: string; contentType: string }> {
    const round = await this.rounds.get(typeof filter.roundId === 'string' ? filter.roundId : '');
    const rows = await this.payments.all({ ...filter, roundId: round.id });
    await this.audit.record({
      actor: user.login,
      action: 'payments.exported',
      entity: 'payment',
      entityId: null,
      roundId: round.id,
      after: { filter, format, rows: rows.length },
    });
    if (format === 'csv') {
      return {
        body: Buffer.from(paymentsCsv(rows), 'utf8'),
        fileName: `payments-${round.id}.csv`,
        contentType: 'text/csv; charset=utf-8',
      };
    }
    return {
      body: await paymentsWorkbook(rows, await this.payments.summary(round.id), round.label),
      fileName: `payments-${round.id}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  /** `body` is read by PaymentEntryDto; one answer names its wrong fields and the 認定番号. */
  async enter(body: unknown, user: SessionUser): Promise<PaymentRow> {
    const { input, problems } = await checkInput(PaymentEntryDto, body);
    const round = await this.rounds.get(input.roundId);
    const p = {
      roundId: round.id,
      transactionId: input.transactionId || `M${round.id}-${randomBytes(4).toString('hex')}`,
      certNo: input.certNo,
      item: input.item,
      amount: input.amount,
      handlingFee: input.handlingFee,
      paidAt: input.paidAt,
      method: input.method,
      status: input.status,
    };
    if (!p.certNo || !(await this.applications.findByCertNo(round.id, p.certNo))) {
      problems.unshift({
        field: 'certNo',
        message: `年度 ${round.id} に認定番号「${p.certNo}」の申請はありません。申請者を選び直してください`,
      });
    }
    if (problems.length > 0) throw invalidInputError(problems);
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
