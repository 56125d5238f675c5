import type { DocumentProposal } from '../scans/scan-reading.views.js';
import type { DocumentStatus } from './document.views.js';

/** A document of the checklist as the confirmation reads it. */
export interface ConfirmableItem {
  rule: string;
  ref: string | null;
  proposal: DocumentProposal | null;
  /** A person's mark already given: it always wins. */
  marked: boolean;
}

/** What 「読み取り結果をまとめて確定」 does for one envelope, item by item. */
export interface ConfirmationPlan {
  threshold: number;
  /** Marked with the proposal's finding. */
  confirm: { rule: string; ref: string | null; status: DocumentStatus; confidence: number }[];
  /** The reader is less sure than the threshold: a person looks at each. */
  belowThreshold: { rule: string; ref: string | null; confidence: number }[];
  /** A person already marked these: left as they are. */
  alreadyMarked: { rule: string; ref: string | null }[];
}

/**
 * The proposals one envelope backs (pure): those naming one of its pages, and — for the
 * applicant's latest envelope — those proposing a document missing from every page. Each is
 * confirmed when no person marked it yet and the reader is at least as sure as the threshold.
 */
export function planConfirmation(
  items: readonly ConfirmableItem[],
  envelope: { receiptNo: string; latest: boolean },
  threshold: number,
): ConfirmationPlan {
  const plan: ConfirmationPlan = { threshold, confirm: [], belowThreshold: [], alreadyMarked: [] };
  for (const { rule, ref, proposal, marked } of items) {
    if (!proposal) continue;
    const backed = proposal.page
      ? proposal.page.startsWith(`${envelope.receiptNo}-`)
      : envelope.latest;
    if (!backed) continue;
    if (marked) plan.alreadyMarked.push({ rule, ref });
    else if (proposal.confidence < threshold) {
      plan.belowThreshold.push({ rule, ref, confidence: proposal.confidence });
    } else {
      plan.confirm.push({ rule, ref, status: proposal.finding, confidence: proposal.confidence });
    }
  }
  return plan;
}
