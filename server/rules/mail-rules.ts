import type { CheckInput, CheckResult, Outcome } from './check-input.js';
import { result } from './rule-helpers.js';

/** The mail rules of rules.md: the postmark and the kind of post of the first envelope. */

const TRACKED_MAIL = new Set(['簡易書留', '一般書留', 'レターパックプラス']);

/** mail.postmark and mail.type, judged on the first envelope; pending until one arrives. */
export function mailRules(input: CheckInput): CheckResult[] {
  const { round } = input;
  const first = input.envelopes[0];
  if (!first) {
    return [
      result('mail.postmark', 'pending', null, '書類の郵便はまだ届いていません'),
      result('mail.type', 'pending', null, '書類の郵便はまだ届いていません'),
    ];
  }
  // Dossier rules carry no ref (rules.md); the envelope is named in the details.
  const envelope = { envelope: first.receiptNo };
  const postmark: [Outcome, string] =
    first.postmarkedOn === null
      ? ['review', '消印が読めません。到着日などから期限内か判断してください']
      : first.postmarkedOn > round.postmarkDeadline
        ? ['fail', `消印(${first.postmarkedOn})が期限(${round.postmarkDeadline})の後です`]
        : ['pass', `消印 ${first.postmarkedOn}(期限内)`];
  const tracked = TRACKED_MAIL.has(first.mailKind);
  return [
    result('mail.postmark', postmark[0], null, postmark[1], envelope),
    result(
      'mail.type',
      tracked ? 'pass' : 'review',
      null,
      tracked
        ? `${first.mailKind}で届きました`
        : `${first.mailKind || '種別不明'}で届きました(追跡できない郵便。期限内の到着なら認められます)`,
      envelope,
    ),
  ];
}
