import type { DocumentStatus } from './document.views.js';

/** What a person may find of a paper document. */
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['found', 'missing', 'insufficient'];

export const STATUS_LABEL: Record<DocumentStatus, string> = {
  found: '確認済み',
  missing: '不足',
  insufficient: '不十分',
};
