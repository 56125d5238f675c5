/**
 * What the checks of one dossier read (rules.md), gathered by the repository and judged by the
 * pure rule functions that run-checks.ts runs. Rows are as imported (formats.md fields,
 * normalised).
 */

import type {
  ApplicantForm,
  AttendanceForm,
  CaseForm,
  CaseSheetForm,
} from '../dossiers/dossier-forms.js';
import type { PaymentFacts } from '../fees/payment-facts.js';
import type { FacilityFacts, MeetingFacts } from '../masters/master-records.js';
import type { RoundFees, RoundRequirements } from '../rounds/round.entity.js';
import type { DocumentProposal } from '../scans/scan-reading.views.js';
import type { ReadPage } from '../scans/reading/page-reader.js';

export type Outcome = 'pass' | 'fail' | 'review' | 'pending';

export interface CheckResult {
  /** Rule ID of rules.md, e.g. `case.diagnosis`. */
  rule: string;
  outcome: Outcome;
  /** `case:2-15`, `attendance:3`, `sheet:2`, `payment:<取引番号>`, `mail:<受付番号>`, or null. */
  ref: string | null;
  /** Japanese, for a secretariat member without the manual. */
  message: string;
  details?: Record<string, unknown>;
  /** doc.* only: the reading's proposal, or null when no page of the dossier was read. */
  proposal?: DocumentProposal | null;
}

export interface RoundRules {
  registrationDeadline: string;
  reviewFeeDeadline: string;
  elearningDeadline: string;
  /** A calendar day, YYYY-MM-DD (Japan). */
  postmarkDeadline: string;
  fees: RoundFees;
  requirements: RoundRequirements;
}

export interface ElearningFacts {
  field: string;
  completedAt: string;
  miniTestScore: number | null;
}

export interface EnvelopeFacts {
  receiptNo: string;
  arrivedOn: string;
  postmarkedOn: string | null;
  mailKind: string;
}

export interface CheckInput {
  round: RoundRules;
  /** The moment the checks are judged: deadlines passed or not. */
  asOf: Date;
  applicant: ApplicantForm;
  caseSheets: CaseSheetForm[];
  cases: CaseForm[];
  attendances: AttendanceForm[];
  societyCodes: ReadonlySet<string>;
  meetings: ReadonlyMap<string, MeetingFacts>;
  facilities: ReadonlyMap<string, FacilityFacts>;
  payments: PaymentFacts[];
  elearning: ElearningFacts[];
  /** The dossier's envelopes, first arrived first. */
  envelopes: EnvelopeFacts[];
  /**
   * A reviewer's acceptance (true) or rejection (false) of single cases and attendances, by ref
   * (`case:1-7`, `attendance:3`), against the automatic result (rules.md, the committee's decision).
   */
  overrides?: ReadonlyMap<string, boolean>;
  /**
   * A person's verification of the paper documents, by documentKey (`doc.seal@sheet:2`,
   * `doc.cover@`): found, missing or insufficient, with a note and when it was marked.
   */
  documents?: ReadonlyMap<string, DocumentMark>;
  /**
   * The read pages of the dossier's envelopes, in envelope and page order: each document's
   * proposal is made from them (none read: no proposals).
   */
  readPages?: readonly ReadPage[];
  /** The committee's latest released decision: after 合格, fee.certification is judged. */
  decision?: '合格' | '不合格' | '保留' | null;
}

export interface DocumentMark {
  status: 'found' | 'missing' | 'insufficient';
  note: string | null;
  /** ISO instant of the mark: a later envelope re-opens a deficiency. */
  checkedAt: string;
}

export interface CheckOutcome {
  results: CheckResult[];
  counts: { cases: number; casesUnderReview: number; attendances: number };
  /** The automatic verdict of rules.md. */
  verdict: 'pass' | 'fail' | 'review';
}
