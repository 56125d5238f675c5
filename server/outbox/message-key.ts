/** The identity of an outbox message: its content key and its Message-ID. Pure. */
import { createHash } from 'node:crypto';
import type { MailKind, RenderedMail } from './mail-template.js';

/**
 * The content version of a message: what it says and to whom it is about (kind, round,
 * applicant) and its attachments. Two messages with the same key are the same message, which
 * is never sent twice.
 */
export function messageKey(
  kind: MailKind,
  roundId: string,
  certNo: string,
  mail: RenderedMail,
  attachmentsKey = '',
): string {
  const content = createHash('sha256')
    .update(JSON.stringify([mail.subject, mail.body, attachmentsKey]))
    .digest('hex')
    .slice(0, 32);
  return `${kind}.${roundId}.${certNo}.${content}`;
}

/**
 * The Message-ID of a message, from its key and the sender's domain: the same message always
 * has the same Message-ID, so a copy that a crash made us send again is recognisable.
 */
export function messageIdOf(key: string, fromAddress: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(fromAddress)?.[1] ?? 'shinsa.invalid';
  const id = createHash('sha256').update(key).digest('hex').slice(0, 40);
  return `<${id}.outbox@${domain}>`;
}
