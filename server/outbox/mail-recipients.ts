/**
 * Who is due which e-mail, and what it says of them: read when a batch is drafted and again
 * when it is sent, so whoever complied in the meantime (paid, finished the e-learning, whose
 * mail arrived, whose documents were accepted) is not written to. Pure.
 */
import type { PaymentFacts } from '../fees/payment-facts.js';
import { japaneseDate, jstDay } from '../common/japan-time.js';
import { yen, type MailKind, type MergeValues } from './mail-template.js';

/** What the outbox reads of one dossier. */
export interface RecipientFacts {
  dossierId: string;
  certNo: string;
  name: string;
  /** 申請1's メールアドレス ('' when none). */
  email: string;
  /** The latest released decision. */
  decision: '合格' | '不合格' | '保留' | null;
  payments: PaymentFacts[];
  /** The documents that fail now, by document. */
  deficiencies: { rule: string; message: string }[];
  /** The e-learning rule's outcome, null before the first check. */
  elearningOutcome: string | null;
  /** Envelopes received from the applicant. */
  envelopes: number;
  doNotMail: boolean;
  /** The address a server refused, if any (it counts while it is still the applicant's). */
  badAddress: string | null;
}

export interface RecipientRound {
  id: string;
  label: string;
  reviewFeeDeadline: string;
  elearningDeadline: string;
  postmarkDeadline: string;
  fees: { review: number; certification: number; handling: number };
}

/** A batch's own dates: the payment deadline of a request, the day to resubmit by. */
export interface BatchTerms {
  /** YYYY-MM-DD, or null where the kind takes its date from the round. */
  dueBy: string | null;
}

const paid = (payments: readonly PaymentFacts[], item: string) =>
  payments.some((p) => p.item === item && p.status === '入金済');

/** Whether the applicant is (still) due this kind of e-mail. */
export function isDue(kind: MailKind, d: RecipientFacts): boolean {
  switch (kind) {
    case 'payment-request':
    case 'reminder-certification-fee':
      return d.decision === '合格' && !paid(d.payments, '更新認定料');
    case 'deficiency':
      return d.deficiencies.length > 0;
    case 'reminder-review-fee':
      return !paid(d.payments, '更新審査料');
    case 'reminder-elearning':
      return d.elearningOutcome !== 'pass';
    case 'reminder-mail':
      return d.envelopes === 0;
  }
}

/** The deadline a kind's e-mail names: the round's, or the batch's own. */
export function deadlineOf(
  kind: MailKind,
  round: RecipientRound,
  terms: BatchTerms,
): string | null {
  switch (kind) {
    case 'reminder-review-fee':
      return jstDay(new Date(round.reviewFeeDeadline));
    case 'reminder-elearning':
      return jstDay(new Date(round.elearningDeadline));
    case 'reminder-mail':
      return round.postmarkDeadline;
    default:
      return terms.dueBy;
  }
}

/** The merge values of one applicant for one kind (every field of {@link fieldsOf}). */
export function mergeValues(
  kind: MailKind,
  d: RecipientFacts,
  round: RecipientRound,
  terms: BatchTerms,
): MergeValues {
  const values: MergeValues = { 氏名: d.name, 認定番号: d.certNo, 年度: round.label };
  const deadline = deadlineOf(kind, round, terms);
  const day = deadline ? japaneseDate(deadline) : '';
  const { review, certification, handling } = round.fees;
  switch (kind) {
    case 'payment-request':
      return {
        ...values,
        更新認定料: yen(certification),
        手数料: yen(handling),
        請求額: yen(certification + handling),
        支払期限: day,
      };
    case 'reminder-certification-fee':
      return {
        ...values,
        更新認定料: yen(certification),
        手数料: yen(handling),
        請求額: yen(certification + handling),
        期限: day,
      };
    case 'reminder-review-fee':
      return {
        ...values,
        更新審査料: yen(review),
        手数料: yen(handling),
        請求額: yen(review + handling),
        期限: day,
      };
    case 'deficiency':
      return {
        ...values,
        不備一覧: d.deficiencies.map((i) => `・${i.message}`).join('\n'),
        再提出期限: day,
      };
    case 'reminder-elearning':
    case 'reminder-mail':
      return { ...values, 期限: day };
  }
}

/** What `undeliverable` reads, as columns of a query over `dossiers d` and its revision `r`. */
export const MAIL_REACH_COLUMNS = `
  coalesce(r.applicant->>'email', '') AS email,
  coalesce((SELECT f.do_not_mail FROM mail_recipient_flags f WHERE f.dossier_id = d.id), false)
    AS "doNotMail",
  (SELECT f.bad_address FROM mail_recipient_flags f WHERE f.dossier_id = d.id) AS "badAddress"`;

export type MailReach = Pick<RecipientFacts, 'email' | 'doNotMail' | 'badAddress'>;

/**
 * Why an e-mail cannot go to this applicant now, in Japanese for the outbox (null: it can):
 * no address, an address a server refused, or asked not to be mailed.
 */
export function undeliverable(d: MailReach): {
  status: 'unsent' | 'bounced';
  reason: string;
} | null {
  if (d.doNotMail) {
    return { status: 'unsent', reason: 'メール送付停止の申請者です(申請の画面で解除できます)' };
  }
  if (!d.email.trim()) {
    return {
      status: 'unsent',
      reason: '申請1 にメールアドレスがありません。郵送で連絡してください',
    };
  }
  if (d.badAddress && d.badAddress.toLowerCase() === d.email.trim().toLowerCase()) {
    return {
      status: 'bounced',
      reason: `${d.email} は以前受信を拒否されたアドレスです。新しいアドレスを確認してください`,
    };
  }
  return null;
}
