import type { DocumentProposal } from '../scans/scan-reading.views.js';
/**
 * What the API answers about a dossier's paper documents and the deficiency notices: pure
 * types, with no Nest or database in them, so that the console reads them too.
 */

export type DocumentStatus = 'found' | 'missing' | 'insufficient';

export interface DocumentCheckRow {
  rule: string;
  /** null for the items about the whole dossier. */
  ref: string | null;
  status: DocumentStatus;
  note: string | null;
  revision: number;
  checkedBy: string;
  checkedAt: Date;
}

/** One line of a dossier's document checklist: the rule's result and the person's mark. */
export interface ChecklistItem {
  rule: string;
  ref: string | null;
  outcome: string;
  message: string;
  mark: DocumentCheckRow | null;
  /**
   * What the reading of the scanned pages proposes, for a person to confirm (null: no page of
   * the dossier was read yet); `page` names the page (受付番号-N), `boxes` the words on it.
   */
  proposal: DocumentProposal | null;
}

export interface NoticeItem {
  rule: string;
  ref: string | null;
  message: string;
}

export interface NoticeRow {
  id: string;
  roundId: string;
  dossierId: string;
  certNo: string;
  name: string;
  items: NoticeItem[];
  resubmitBy: string;
  issuedBy: string;
  issuedAt: Date;
}

/** Notices issued, and those unchanged since the last one (the same deficiencies). */
export interface NoticesIssued {
  issued: number;
  unchanged: number;
  notices: NoticeRow[];
}
