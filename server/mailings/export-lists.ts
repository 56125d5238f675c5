import type { CsvEncoding } from './list-writer.js';
import { LIST_TITLES } from './mailing-lists.js';
import { MAILING_LISTS } from './mailing.views.js';
import type { MailingList } from './mailing.views.js';
import type { ExportLayout, ExportName } from './mailing.views.js';

/** What can be exported: the mailing lists, and the letters (PDF) of two of them. */
export const EXPORTS = [...MAILING_LISTS, 'result-letters', 'fee-request-letters'] as const;
export const LETTERS = ['result-letters', 'fee-request-letters'] as const;
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface ExportRequest {
  list: ExportName;
  format: ExportFormat;
  encoding: CsvEncoding;
  /** Only those still to be sent (results, certificates, pin badges, letters). */
  pendingOnly: boolean;
  /** The list itself, or its address labels. */
  layout: ExportLayout;
  /** The date letters print (YYYY-MM-DD); null or absent: the day they are written. */
  letterDate?: string | null;
  /** Only applicants the e-mail outbox cannot reach (no address, refused, do-not-mail). */
  withoutEmailOnly?: boolean;
}

export const EXPORT_TITLES: Record<ExportName, string> = {
  ...LIST_TITLES,
  'result-letters': '審査結果通知書(PDF)',
  'fee-request-letters': '更新認定料の請求書(PDF)',
};

export const isLetters = (name: ExportName): boolean =>
  (LETTERS as readonly string[]).includes(name);

export const isExportName = (name: unknown): name is ExportName =>
  (EXPORTS as readonly unknown[]).includes(name);

/** The list an export is made of: the letters go to the recipients of their list. */
export const listOf = (name: ExportName): MailingList =>
  name === 'result-letters' ? 'results' : name === 'fee-request-letters' ? 'fee-requests' : name;

/** The formats an export is written in: labels as CSV or an A4 sheet (PDF). */
export const formatsOf = (name: ExportName, layout: ExportLayout = 'list'): ExportFormat[] =>
  layout === 'labels' ? ['csv', 'pdf'] : isLetters(name) ? ['pdf'] : ['xlsx', 'csv'];

/** The file an export is written to: `results-2021.xlsx`, `results-labels-2021.csv`… */
export const exportFileName = (
  request: Pick<ExportRequest, 'list' | 'format' | 'layout'>,
  roundId: string,
): string =>
  `${request.list}${request.layout === 'labels' ? '-labels' : ''}-${roundId}.${request.format}`;
