import { itemRefLabel } from '../rules/item-ref.js';
import { ruleName } from '../rules/rule-names.js';

/**
 * What rules.md says of the committee's decision, as pure functions: the reason codes, and
 * what stands against 合格 (the console warns, and 合格 then needs a reason).
 */

export const DECISIONS = ['合格', '不合格', '保留'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A reason code of a decision, with the decisions it suits. */
export interface DecisionReason {
  code: string;
  label: string;
  for: readonly Decision[];
}

/** Reason codes of a decision, with the decisions they suit. */
export const DECISION_REASONS: readonly DecisionReason[] = [
  { code: 'P01', label: '要件を満たす', for: ['合格'] },
  { code: 'P02', label: '委員会の判断により要件を満たすと認める', for: ['合格'] },
  { code: 'F01', label: '症例数の不足', for: ['不合格', '保留'] },
  { code: 'F02', label: '学術集会参加の不足', for: ['不合格', '保留'] },
  { code: 'F03', label: 'e-learning 未修了', for: ['不合格', '保留'] },
  { code: 'F04', label: '更新審査料の未納', for: ['不合格', '保留'] },
  { code: 'F05', label: '書類の不備・未提出', for: ['不合格', '保留'] },
  { code: 'F06', label: '申請・送付期限の超過', for: ['不合格'] },
  { code: 'F07', label: '症例の内容が要件を満たさない', for: ['不合格', '保留'] },
  { code: 'H01', label: '書類の到着待ち', for: ['保留'] },
  { code: 'H02', label: '申請者へ照会中', for: ['保留'] },
  { code: 'H03', label: '委員会で継続審議', for: ['保留'] },
  { code: 'X99', label: 'その他(理由に記載)', for: ['合格', '不合格', '保留'] },
];

export interface CheckSummary {
  rule: string;
  outcome: string;
  ref: string | null;
  message: string;
}

export interface DecisionFacts {
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  checks: readonly CheckSummary[];
  requirements: { cases: number; attendances: number };
}

/** Rules of rules.md's "After the decision": judged once 合格 is released. */
export const AFTER_DECISION = new Set(['fee.certification']);

/**
 * Case and attendance rules judge one case or listed meeting each: they stand against 合格 only
 * through the counts (spares count in their place). Every other rule is a dossier rule, the
 * documents (doc.seal of each sheet, doc.attendance of each proof) included.
 */
const ITEM_RULE = /^(case|attendance)\./;

/**
 * What stands against 合格 (rules.md): fewer than the required cases or attendances count,
 * the review fee not paid, or any dossier rule not passed (fail, review or pending, each
 * reference apart: 病院長公印 of sheet 2, 参加証明 3). Empty when nothing does.
 */
export function warningsAgainstPass(facts: DecisionFacts): CheckSummary[] {
  if (facts.verdict === null || facts.counts === null) {
    return [
      {
        rule: 'checks',
        outcome: 'pending',
        ref: null,
        message: '自動チェックがまだ終わっていません',
      },
    ];
  }
  // Rules judged after the decision (fee.certification) never stand against it.
  const warnings = facts.checks
    .filter((c) => c.outcome !== 'pass' && !ITEM_RULE.test(c.rule) && !AFTER_DECISION.has(c.rule))
    .map((c) => ({ rule: c.rule, outcome: c.outcome, ref: c.ref, message: c.message }));
  const listed = new Set(warnings.map((w) => w.rule));
  if (facts.counts.cases < facts.requirements.cases && !listed.has('cases.count')) {
    warnings.push({
      rule: 'cases.count',
      outcome: 'fail',
      ref: null,
      message: `数えられる症例が ${facts.counts.cases} 例です(${facts.requirements.cases} 例必要)`,
    });
  }
  if (
    facts.counts.attendances < facts.requirements.attendances &&
    !listed.has('attendances.count')
  ) {
    warnings.push({
      rule: 'attendances.count',
      outcome: 'fail',
      ref: null,
      message: `数えられる学術集会参加が ${facts.counts.attendances} 件です(${facts.requirements.attendances} 件必要)`,
    });
  }
  return warnings;
}

/** Problems of a decision as entered, in Japanese; empty when it may be recorded. */
export function decisionProblems(
  input: { decision: string; reasonCodes: readonly string[]; reason: string },
  warnings: readonly CheckSummary[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!(DECISIONS as readonly string[]).includes(input.decision)) {
    problems.push({
      field: 'decision',
      message: `判定は ${DECISIONS.join(' / ')} のいずれかにしてください(「${input.decision}」)`,
    });
    return problems;
  }
  for (const code of input.reasonCodes) {
    const known = DECISION_REASONS.find((r) => r.code === code);
    if (!known) {
      problems.push({ field: 'reasonCodes', message: `理由コード「${code}」はありません` });
    } else if (!known.for.includes(input.decision as Decision)) {
      problems.push({
        field: 'reasonCodes',
        message: `理由コード ${code}(${known.label})は ${input.decision} には使えません`,
      });
    }
  }
  if (input.decision !== '合格' && input.reasonCodes.length === 0 && !input.reason) {
    problems.push({
      field: 'reason',
      message: `${input.decision} には理由(コードか文章)を付けてください`,
    });
  }
  if (input.decision === '合格' && warnings.length > 0 && !input.reason) {
    const named = groupByOutcome(warnings)
      .map((g) => `${OUTCOME_HEADINGS[g.outcome]}: ${g.checks.map(warningName).join('、')}`)
      .join(' / ');
    problems.push({
      field: 'reason',
      message: `チェックを満たしていないため、合格にするには理由が必要です(${named})`,
    });
  }
  return problems;
}

/** How the warning before 合格 heads the rules not passed, worst first. */
export const OUTCOME_HEADINGS = { fail: '不合格', review: '要確認', pending: '未確認' } as const;
export type NotPassed = keyof typeof OUTCOME_HEADINGS;

/**
 * The rules not passed by outcome, in the order of OUTCOME_HEADINGS, each group in the order
 * given; groups without a rule left out. An unknown outcome is read as pending (not confirmed).
 */
export function groupByOutcome<T extends { outcome: string }>(
  checks: readonly T[],
): { outcome: NotPassed; checks: T[] }[] {
  const outcomeOf = (c: T): NotPassed =>
    c.outcome in OUTCOME_HEADINGS ? (c.outcome as NotPassed) : 'pending';
  return (Object.keys(OUTCOME_HEADINGS) as NotPassed[])
    .map((outcome) => ({ outcome, checks: checks.filter((c) => outcomeOf(c) === outcome) }))
    .filter((g) => g.checks.length > 0);
}

/**
 * A rule not passed as people name it (病院長公印 症例一覧表(2), 参加証明 3), never its ID or
 * raw ref; the checks not yet run by their message.
 */
export function warningName(w: CheckSummary): string {
  if (w.rule === 'checks') return w.message;
  if (!w.ref) return ruleName(w.rule);
  if (w.rule === 'doc.attendance') return itemRefLabel(w.ref);
  return `${ruleName(w.rule)} ${itemRefLabel(w.ref)}`;
}
