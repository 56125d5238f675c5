/**
 * The names of the mailing lists and what the API answers about mailings: pure, with no Nest
 * or database in them, so that the console reads the same types.
 */

/** The mailing lists of interface.md. */
export const MAILING_LISTS = [
  'results',
  'certificates',
  'pin-badges',
  'fee-requests',
  'missing-items',
] as const;
export type MailingList = (typeof MAILING_LISTS)[number];

/**
 * What can be exported: the mailing lists, the result letters (PDF) of the results list and the
 * payment request letters (PDF) of the fee requests.
 */
export type ExportName = MailingList | 'result-letters' | 'fee-request-letters';

/** An export is the list itself, or its address labels (CSV for label software, or a PDF sheet). */
export const EXPORT_LAYOUTS = ['list', 'labels'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** What is mailed and recorded: the result letter, or the certificate (with the pin badge). */
export const DISPATCH_KINDS = ['results', 'certificates'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];

export interface ListSummary {
  list: ExportName;
  title: string;
  rows: number;
  /** Still to be sent (null where mailings are not recorded). */
  pending: number | null;
  lateChanges: number;
}

export interface DispatchCounts {
  kind: DispatchKind;
  sent: number;
  /** Came back, no newer address yet. */
  returned: number;
  /** Came back, newer address known: listed again. */
  relisted: number;
}

/** The round's lists and mailings, as the console's 発送リスト shows them. */
export interface MailingListSummary {
  lists: ListSummary[];
  dispatches: DispatchCounts[];
}

/** The mailings recorded as sent, and those of the request that were not. */
export interface RecordedDispatches {
  recorded: number;
  skipped: { certNo: string; reason: string }[];
}

export interface DispatchRow {
  id: string;
  roundId: string;
  certNo: string;
  name: string | null;
  dossierId: string | null;
  kind: DispatchKind;
  sentOn: string;
  trackingNo: string;
  postalCode: string;
  prefecture: string;
  address: string;
  recipient: string;
  recordedBy: string;
  recordedAt: Date;
  returnedOn: string | null;
  returnReason: string | null;
  returnedBy: string | null;
}

/** A cell CP932 cannot hold: reported, since the file would lose it. */
export interface Unrepresentable {
  sheet: string;
  /** Line of the file (the header is line 1). */
  line: number;
  column: string;
  text: string;
  characters: string;
}

export type ListExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ListExportRow {
  id: string;
  roundId: string;
  list: ExportName;
  format: 'xlsx' | 'csv' | 'pdf';
  encoding: 'utf8' | 'cp932';
  pendingOnly: boolean;
  layout: ExportLayout;
  /** The date printed on letters (YYYY-MM-DD); null: the day they were written. */
  letterDate: string | null;
  /** Only those the e-mail outbox cannot reach. */
  withoutEmailOnly: boolean;
  status: ListExportStatus;
  dossiersDone: number;
  dossiersTotal: number | null;
  rows: number | null;
  lateChanges: number | null;
  unrepresentable: Unrepresentable[];
  /** File names in the export's folder: the list first, then its late changes if any. */
  files: string[];
  error: string | null;
  requestedBy: string;
  requestedAt: Date;
  finishedAt: Date | null;
}
