import type { CsvEncoding } from './list-writer.js';
import { LIST_TITLES } from './mailing-lists.js';
import { MAILING_LISTS } from './mailing.views.js';
import type { MailingList } from './mailing.views.js';
import type { ExportName } from './mailing.views.js';

/** What can be exported: the mailing lists, and the result letters (PDF) of the results list. */
export const EXPORTS = [...MAILING_LISTS, 'result-letters'] as const;
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface ExportRequest {
  list: ExportName;
  format: ExportFormat;
  encoding: CsvEncoding;
  /** Only those still to be sent (results, certificates, pin badges, letters). */
  pendingOnly: boolean;
}

export const EXPORT_TITLES: Record<ExportName, string> = {
  ...LIST_TITLES,
  'result-letters': '審査結果通知書(PDF)',
};

export const isExportName = (name: unknown): name is ExportName =>
  (EXPORTS as readonly unknown[]).includes(name);

/** The list an export is made of: the letters go to the recipients of the results. */
export const listOf = (name: ExportName): MailingList =>
  name === 'result-letters' ? 'results' : name;

/** The formats an export is written in. */
export const formatsOf = (name: ExportName): ExportFormat[] =>
  name === 'result-letters' ? ['pdf'] : ['xlsx', 'csv'];
