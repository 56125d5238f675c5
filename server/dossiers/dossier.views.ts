/**
 * What the API answers about dossiers: pure types, with no Nest or database in them, so that
 * the console reads them too.
 */
import type { DispatchRow } from '../mailings/mailing.views.js';
import type { DocumentProposal } from '../scans/scan-reading.views.js';
import type { ScanPageView } from '../scans/scan-reading.views.js';

export interface ApplicationRow {
  id: string;
  revision: number;
  certNo: string;
  familyName: string;
  givenName: string;
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  /** The latest released decision: what letters and lists go by. */
  decision: '合格' | '不合格' | '保留' | null;
  checks: {
    rule: string;
    outcome: string;
    ref: string | null;
    message: string;
    details: Record<string, unknown> | null;
    /** doc.* only: what the reading of the scanned pages proposes (null: no page read). */
    proposal?: DocumentProposal | null;
  }[];
}

/** A dossier in the console's list. */
export interface DossierListRow {
  id: string;
  roundId: string;
  certNo: string;
  name: string;
  kana: string;
  revision: number;
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  workplace: string | null;
  reviewers: { id: number; login: string; displayName: string }[];
  /** The current decision, released or waiting for release. */
  decision: {
    id: string;
    decision: '合格' | '不合格' | '保留';
    released: boolean;
    decidedBy: string;
    decidedAt: string;
  } | null;
  updatedAt: Date;
}

/**
 * What the panels beside the dossier page need of it (who may work on it, its verdict, counts
 * and checks): one row read by primary key, not the whole page.
 */
export interface DossierSummary {
  id: string;
  roundId: string;
  certNo: string;
  revision: number;
  verdict: DossierListRow['verdict'];
  counts: DossierListRow['counts'];
  checks: ApplicationRow['checks'];
}

/** A dossier with its current revision's forms and its check results. */
export interface DossierDetail extends DossierListRow {
  applicant: Record<string, unknown>;
  caseSheets: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  attendances: Record<string, unknown>[];
  checks: ApplicationRow['checks'];
  /** 所属学会 as societies.csv names it; null when its code is not there. */
  society: { code: string; name: string } | null;
  /** The workplace's certified facility (facilities.csv); null for その他 or an unknown no. */
  facility: {
    facilityNo: string;
    name: string;
    postalCode: string;
    prefecture: string;
    address: string;
  } | null;
  /** The meetings of 申請3 found in meetings.csv, by code. */
  meetings: {
    code: string;
    name: string;
    societyCode: string;
    kind: string;
    startsOn: string;
    endsOn: string;
  }[];
  /** E-learning results of the applicant in the round (elearning.csv), with the field's kind. */
  elearning: {
    field: string;
    kind: '必修' | '選択' | null;
    completedAt: string;
    miniTestScore: number | null;
  }[];
  /** Payments of the applicant in the round, in file order (payments.csv). */
  payments: {
    transactionId: string;
    item: string;
    amount: number | null;
    handlingFee: number | null;
    paidAt: string;
    method: string;
    status: string;
  }[];
  /** The certificate once numbered (when first listed for the certificates' mailing). */
  certificate: { certificateNo: string; renewalDate: string; validUntil: string } | null;
  /** Result letters and certificates sent, with their returns. */
  dispatches: Omit<
    DispatchRow,
    'roundId' | 'certNo' | 'name' | 'dossierId' | 'recordedBy' | 'recordedAt' | 'returnedBy'
  >[];
  /** Envelopes received from the applicant, with their scans (mail room log). */
  mail: {
    receiptNo: string;
    arrivedOn: string;
    postmarkedOn: string | null;
    mailKind: string;
    trackingNo: string;
    note: string;
    /** The files as they came (a PDF or TIFF may hold many pages), in scan order. */
    scans: { fileName: string; page: number | null; sha256: string; mediaType: string }[];
    /** Every page read, numbered from 1 in scan order; empty until the envelope is read. */
    pages: ScanPageView[];
    /** When the envelope was last read as it is now; null while its reading waits. */
    readAt: string | null;
  }[];
}

/** The dossiers before and after one in the caller's list, and its place there. */
export interface DossierNeighbours {
  previous: string | null;
  next: string | null;
  position: number;
  total: number;
}
