import type { CheckOutcome, CheckResult, Outcome } from './check-input.js';

/** What the outcomes of the rules add up to: the automatic verdict, and each rule's worst. */

/** rules.md: fail when any dossier rule fails, review when any is review or pending, else pass. */
export function automaticVerdict(dossierResults: readonly CheckResult[]): CheckOutcome['verdict'] {
  const outcomes = dossierResults.map((r) => r.outcome);
  return outcomes.includes('fail')
    ? 'fail'
    : outcomes.some((o) => o === 'review' || o === 'pending')
      ? 'review'
      : 'pass';
}

const SEVERITY: Record<Outcome, number> = { fail: 0, review: 1, pending: 2, pass: 3 };

/**
 * Each rule's worst outcome over its references (fail, then review, then pending, then pass):
 * what lists filter on ("mail not received", "review fee not paid") and dashboards count.
 */
export function worstOutcomes(results: readonly CheckResult[]): Record<string, Outcome> {
  const worst: Record<string, Outcome> = {};
  for (const r of results) {
    const seen = worst[r.rule];
    if (seen === undefined || SEVERITY[r.outcome] < SEVERITY[seen]) worst[r.rule] = r.outcome;
  }
  return worst;
}
