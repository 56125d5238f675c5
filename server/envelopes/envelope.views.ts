/**
 * What the API answers about envelopes: pure types, with no Nest or database in them, so that
 * the console reads them too.
 */

/** What a person enters of an envelope. */
export interface EnvelopeValues {
  arrivedOn: string;
  postmarkedOn: string | null;
  mailKind: string;
  trackingNo: string;
  certNo: string;
  note: string;
}

export interface EnvelopeRow extends EnvelopeValues {
  id: string;
  roundId: string;
  receiptNo: string;
  source: string;
  /** The applicant's dossier, when one has this 認定番号. */
  dossierId: string | null;
  name: string | null;
  scans: number;
}

/** One envelope as its page shows it: its scanned files too, in scan order. */
export interface EnvelopeDetail extends EnvelopeRow {
  scanFiles: { fileName: string; page: number | null; sha256: string; mediaType: string }[];
}

/** Scans added to an envelope as its next pages, and the envelope now. */
export interface ScansAdded {
  added: number;
  envelope: EnvelopeDetail;
}
