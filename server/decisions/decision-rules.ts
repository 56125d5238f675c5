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
 * What stands against 合格 (rules.md): fewer than the required cases or attendances count,
 * the review fee not paid, or any dossier rule not passed. Empty when nothing does.
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
    .filter((c) => c.ref === null && c.outcome !== 'pass' && !AFTER_DECISION.has(c.rule))
    .map((c) => ({ rule: c.rule, outcome: c.outcome, ref: null, message: c.message }));
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
    problems.push({
      field: 'reason',
      message: `チェックを満たしていないため、合格にするには理由が必要です(${warnings.map((w) => w.message).join('、')})`,
    });
  }
  return problems;
}
