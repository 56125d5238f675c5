import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';

/** What became of one message handed to the SMTP server. */
export type SendOutcome =
  | { kind: 'sent'; response: string; to: string }
  /** Refused for good: the address (when the server refused the recipient) is bad. */
  | { kind: 'refused'; response: string; recipientRefused: boolean }
  /** Not taken, and safe to try again later: the server was not reached or said "try later". */
  | { kind: 'retry'; response: string }
  /** The dialogue broke after the message may have been handed over: not sent again by itself. */
  | { kind: 'uncertain'; response: string };

interface SmtpFailure {
  message: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/** Errors raised before any byte of the message was written: trying again cannot duplicate it. */
const BEFORE_MESSAGE = new Set(['ECONNECTION', 'EDNS', 'ECONNREFUSED', 'EAUTH', 'ETLS', 'EPROXY']);

/** What a failed send means for the message (exported for the unit test). */
export function outcomeOfFailure(error: SmtpFailure): SendOutcome {
  const response = error.response ?? `${error.code ?? 'error'}: ${error.message}`;
  const code = error.responseCode ?? 0;
  if (code >= 500 && code !== 503) {
    const recipientRefused = error.code === 'EENVELOPE' || error.command === 'RCPT TO';
    return { kind: 'refused', response, recipientRefused };
  }
  if ((code >= 400 && code < 500) || code === 503) return { kind: 'retry', response };
  if (BEFORE_MESSAGE.has(error.code ?? '') || error.command === 'CONN') {
    return { kind: 'retry', response };
  }
  return { kind: 'uncertain', response };
}

/**
 * The SMTP connection pool of SMTP_URL (nodemailer). Without SMTP_URL nothing is sent: the
 * outbox keeps the messages 未送信.
 */
@Injectable()
export class MailTransportService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransportService.name);
  private transporter: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.smtpUrl !== null;
  }

  private transport(): Transporter {
    if (!this.transporter) {
      const url = new URL(this.config.smtpUrl!);
      url.searchParams.set('pool', 'true');
      // A dialogue that hangs ends within a minute (OutboxService.SENDING_STALE_SECONDS is longer).
      const defaults = {
        maxConnections: '4',
        connectionTimeout: '30000',
        greetingTimeout: '30000',
        socketTimeout: '60000',
      };
      for (const [key, value] of Object.entries(defaults)) {
        if (!url.searchParams.has(key)) url.searchParams.set(key, value);
      }
      this.transporter = createTransport(url.toString());
    }
    return this.transporter;
  }

  async send(options: MailComposerOptions & { to: string }): Promise<SendOutcome> {
    try {
      const info = (await this.transport().sendMail(options)) as { response?: string };
      return { kind: 'sent', response: info.response ?? '', to: options.to };
    } catch (error) {
      const outcome = outcomeOfFailure(error as SmtpFailure);
      this.logger.warn(`SMTP ${outcome.kind} for ${options.messageId}: ${outcome.response}`);
      return outcome;
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = null;
  }
}
