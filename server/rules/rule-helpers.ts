import type { CheckInput, CheckResult, Outcome } from './check-input.js';
import { jstDay } from '../common/japan-time.js';

/** What the rule families share: months, the dossier's period, deadlines and one result. */

/** 'YYYY-MM' → a month number that compares. */
export const monthOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const ymText = (m: number) => `${Math.floor(m / 12)}年${(m % 12) + 1}月`;

/** The dossier's period (rules.md): from 前回認定日 to 申請登録日時, or the deadline for a draft. */
export function periodOf(input: CheckInput) {
  const end = input.applicant.registeredAt ?? input.round.registrationDeadline;
  const firstDay = input.applicant.lastCertifiedOn;
  const lastDay = jstDay(new Date(end));
  return { firstDay, lastDay, firstMonth: monthOf(firstDay), lastMonth: monthOf(lastDay) };
}

/** The deadline had passed at the moment the checks are judged. */
export const deadlinePassed = (input: CheckInput, deadline: string) =>
  input.asOf.getTime() > new Date(deadline).getTime();

export const result = (
  rule: string,
  outcome: Outcome,
  ref: string | null,
  message: string,
  details?: Record<string, unknown>,
): CheckResult =>
  details ? { rule, outcome, ref, message, details } : { rule, outcome, ref, message };
