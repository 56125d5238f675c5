import type { CheckInput, CheckOutcome, CheckResult } from './check-input.js';
import {
  addressRule,
  licenceRule,
  membershipRule,
  palliativeRule,
  registrationRule,
} from './applicant-rules.js';
import { attendanceCountRule, attendanceRules } from './attendance-rules.js';
import { caseCountRule, caseRules, caseSheetsRule } from './case-rules.js';
import { documentRules } from './document-rules.js';
import { elearningRule } from './elearning-rules.js';
import { certificationFee, reviewFeeRule } from './fee-rules.js';
import { mailRules } from './mail-rules.js';
import { automaticVerdict } from './verdict.js';

/**
 * Every rule of rules.md as a pure function of the dossier's data and the round's settings.
 * Nothing here knows Nest or the database; settings come from the round, never constants.
 * The rules live by family (applicant, case, attendance, e-learning, fee, mail, document
 * rules); this file runs them all.
 */

/** The dossier rules (ref null, but for the documents), in the order of rules.md. */
export function dossierRules(
  input: CheckInput,
  counting: { cases: number; casesUnderReview: number; attendances: number },
): CheckResult[] {
  return [
    registrationRule(input),
    licenceRule(input),
    membershipRule(input),
    reviewFeeRule(input),
    elearningRule(input),
    palliativeRule(input),
    caseSheetsRule(input),
    caseCountRule(input, counting),
    attendanceCountRule(input, counting),
    addressRule(input),
    ...mailRules(input),
    ...documentRules(input),
  ];
}

/** Case and attendance rules, counts, dossier rules and the automatic verdict. */
export function runChecks(input: CheckInput): CheckOutcome {
  const cases = caseRules(input);
  const overrides = input.overrides ?? new Map<string, boolean>();
  let counted = 0;
  let underReview = 0;
  for (const c of cases) {
    // A reviewer's acceptance or rejection replaces the automatic result; spares then count.
    const override = overrides.get(c.ref);
    if (override !== undefined) {
      if (override) counted++;
      continue;
    }
    const outcomes = c.results.map((r) => r.outcome);
    if (outcomes.includes('fail')) continue;
    if (outcomes.includes('review')) underReview++;
    else counted++;
  }
  const attendances = attendanceRules(input);
  const counts = {
    cases: counted,
    casesUnderReview: underReview,
    attendances: attendances.filter((r) =>
      overrides.has(r.ref ?? '') ? overrides.get(r.ref ?? '') : r.outcome === 'pass',
    ).length,
  };
  const dossier = dossierRules(input, counts);
  const verdict = automaticVerdict(dossier);
  // After the decision (rules.md): not part of the automatic verdict, which advises the decision.
  const after =
    input.decision === '合格' ? [certificationFee(input.payments, input.round.fees)] : [];
  return {
    results: [...dossier, ...after, ...cases.flatMap((c) => c.results), ...attendances],
    counts,
    verdict,
  };
}
