/**
 * The RFC 5322 message of an outbox e-mail, built the same way for sending and for the .eml
 * download (nodemailer's MailComposer): UTF-8 subject and body, the deterministic Message-ID,
 * the batch's attachments; in test mode, addressed to the test address with the real recipient
 * named in the subject.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type { MailAttachment, OutgoingMessage } from './outbox.views.js';

export interface MailSettings {
  from: string;
  /** Test mode: the one address every message goes to, else null. */
  testRecipient: string | null;
}

export function mailOptionsOf(
  message: Pick<OutgoingMessage, 'id' | 'recipient' | 'subject' | 'body' | 'messageId'>,
  attachments: readonly MailAttachment[],
  settings: MailSettings,
): MailComposerOptions & { to: string } {
  const to = settings.testRecipient ?? message.recipient;
  return {
    from: settings.from,
    to,
    subject: settings.testRecipient
      ? `[テスト送信 宛先: ${message.recipient}] ${message.subject}`
      : message.subject,
    text: message.body,
    messageId: message.messageId,
    textEncoding: 'base64',
    headers: { 'X-Shinsa-Outbox-Id': message.id },
    attachments: attachments.map((a) => ({
      filename: a.fileName,
      contentType: a.mediaType,
      content: a.content,
    })),
  };
}

/** The message as a .eml file. */
export function emlOf(options: MailComposerOptions): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}
