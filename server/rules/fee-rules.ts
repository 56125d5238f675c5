import type { CheckInput, CheckResult } from './check-input.js';
import type { PaymentFacts } from '../fees/payment-facts.js';
import { deadlinePassed, result } from './rule-helpers.js';

/** The fee rules of rules.md: the review fee (a dossier rule) and the certification fee. */

/** fee.review: the 更新審査料, paid by its deadline. */
export function reviewFeeRule(input: CheckInput): CheckResult {
  const { round } = input;
  return feeResult(
    'fee.review',
    '更新審査料',
    input.payments,
    round.fees.review,
    round.fees.handling,
    {
      deadline: round.reviewFeeDeadline,
      deadlinePassed: deadlinePassed(input, round.reviewFeeDeadline),
    },
  );
}

/**
 * One fee (rules.md fee.review, fee.certification): one paid (入金済) payment of the item, of
 * the fee plus the handling fee, by the deadline when there is one. None: pending, or fail once
 * the deadline passed; twice: review (a refund is due); a wrong amount: review.
 */
export function feeResult(
  rule: string,
  item: '更新審査料' | '更新認定料',
  payments: readonly PaymentFacts[],
  fee: number,
  handling: number,
  deadline?: { deadline: string; deadlinePassed: boolean },
): CheckResult {
  const valid = payments.filter(
    (p) =>
      p.item === item &&
      p.status === '入金済' &&
      (!deadline || new Date(p.paidAt) <= new Date(deadline.deadline)),
  );
  if (valid.length === 0) {
    return deadline?.deadlinePassed
      ? result(rule, 'fail', null, `期限までに支払われた${item}がありません`)
      : result(rule, 'pending', null, `${item}の入金はまだありません`);
  }
  const payments_ = { payments: valid.map((p) => p.transactionId) };
  if (valid.length > 1) {
    return result(
      rule,
      'review',
      null,
      `${item}が ${valid.length} 回支払われています(返金が必要です)`,
      payments_,
    );
  }
  if (valid[0].amount !== fee || valid[0].handlingFee !== handling) {
    return result(
      rule,
      'review',
      null,
      `金額が違います(${valid[0].amount ?? '?'}円+手数料${valid[0].handlingFee ?? '?'}円。正しくは ${fee}円+${handling}円)`,
      payments_,
    );
  }
  return result(rule, 'pass', null, `${item}は支払済みです`, payments_);
}

/** rules.md fee.certification: the 更新認定料 asked of 合格 (no deadline). */
export function certificationFee(
  payments: readonly PaymentFacts[],
  fees: { certification: number; handling: number },
): CheckResult {
  return feeResult('fee.certification', '更新認定料', payments, fees.certification, fees.handling);
}
