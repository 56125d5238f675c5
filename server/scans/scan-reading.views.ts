import type { Proposal } from './reading/document-findings.js';
import type { Box } from './reading/ocr.js';
import type { PageKind, ProofKind } from './reading/page-classifier.js';
import type { SealReading } from './reading/seal-finder.js';

/**
 * What the reading of scanned pages stores and shows. Pure types: the server's reader, the
 * checks and the console share them.
 */

/** A stored file of an envelope, in scan order. */
export interface EnvelopeFile {
  fileName: string;
  sha256: string;
  mediaType: string;
}

/** A stored file of one of an applicant's envelopes, as the scan route finds it. */
export interface ApplicantScan {
  mediaType: string;
  receiptNo: string;
  /** The scanned file's name; null for the display rendition of one of its pages. */
  fileName: string | null;
  /** When its bytes were deleted at the end of the round's retention of case details. */
  purgedAt: Date | null;
}

/** An envelope whose files are to be read: its files' key names what is read. */
export interface EnvelopeToRead {
  roundId: string;
  receiptNo: string;
  certNo: string;
  filesKey: string;
}

/** A line of a page as read: the findings read these (words are kept apart). */
export interface StoredLine {
  text: string;
  confidence: number;
  box: Box;
}

/** One page of an envelope as stored (scan_pages): numbered from 1 in scan order. */
export interface ScanPageRow {
  pageNo: number;
  fileName: string;
  /** Page in its file, from 1 (a PDF or TIFF holds several). */
  filePage: number;
  /** The stored file the page comes from. */
  sha256: string;
  displaySha256: string | null;
  /** The upright page read, in pixels: what the boxes' coordinates refer to. */
  width: number | null;
  height: number | null;
  kind: PageKind | 'unread';
  number: number | null;
  proofKind: ProofKind | null;
  confidence: number | null;
  cues: string[];
  orientation: number | null;
  skew: number | null;
  text: string;
  textConfidence: number | null;
  lines: StoredLine[];
  words: { text: string; confidence: number; box: Box }[][];
  seal: SealReading | null;
  /** Why a file could not be read (kept and shown as it came). */
  unreadReason: string | null;
}

/** A page as the dossier page shows it (without its text). */
export interface ScanPageView {
  pageNo: number;
  /** `<受付番号>-<pageNo>`, as proposals name the page. */
  ref: string;
  fileName: string;
  filePage: number;
  sha256: string;
  mediaType: string;
  displaySha256: string | null;
  width: number | null;
  height: number | null;
  kind: PageKind | 'unread';
  number: number | null;
  unreadReason: string | null;
}

/**
 * What the reading of the scanned pages proposes for a document, for a person to confirm
 * (interface.md `proposal`, with the boxes of the words that support it): it never changes
 * the outcome.
 */
export type DocumentProposal = Omit<Proposal, 'rule' | 'ref'>;
