import type { MailKind } from './mail-template.js';

/**
 * draft 下書き → approved 承認済み → sending (送信中, claimed before SMTP) → sent 送信済み;
 * unsent 未送信 (no SMTP_URL, no address, do-not-mail, interrupted), bounced 送信不可 (refused),
 * dropped 取り下げ (complied before it went).
 */
export const MESSAGE_STATUSES = [
  'draft',
  'approved',
  'sending',
  'sent',
  'unsent',
  'bounced',
  'dropped',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface TemplateRow {
  id: MailKind;
  kind: MailKind;
  title: string;
  subject: string;
  body: string;
  version: number;
  fields: string[];
  updatedBy: string;
  updatedAt: string;
}

export interface BatchRow {
  id: string;
  roundId: string;
  kind: MailKind;
  title: string;
  dueBy: string | null;
  sendAfter: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  counts: Partial<Record<MessageStatus, number>>;
  attachments: { id: string; fileName: string; mediaType: string; size: number }[];
}

export interface MessageRow {
  id: string;
  batchId: string;
  roundId: string;
  kind: MailKind;
  dossierId: string;
  certNo: string;
  name: string;
  recipient: string;
  subject: string;
  body: string;
  templateVersion: number;
  messageKey: string;
  messageId: string;
  status: MessageStatus;
  reason: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  sendingAt: string | null;
  sentTo: string | null;
  sentAt: string | null;
  smtpResponse: string | null;
}

/** A message being sent: what the SMTP server is handed. */
export interface OutgoingMessage {
  id: string;
  batchId: string;
  dossierId: string;
  recipient: string;
  subject: string;
  body: string;
  messageId: string;
}

export interface MailAttachment {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export interface RecipientFlags {
  dossierId: string;
  badAddress: string | null;
  badReason: string | null;
  badAt: string | null;
  /** Whether the bad address is still the applicant's (a new import may have changed it). */
  badIsCurrent: boolean;
  doNotMail: boolean;
  doNotMailReason: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  email: string;
}
