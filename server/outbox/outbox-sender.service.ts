import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RoundService } from '../rounds/round.service.js';
import { mailOptionsOf } from './mail-message.js';
import { isDue, undeliverable, type RecipientFacts } from './mail-recipients.js';
import { MailTransportService } from './mail-transport.service.js';
import { OutboxRepository } from './outbox.repository.js';
import type { MailAttachment } from './outbox.views.js';

/** Messages read (and recipients checked again) at a time. */
const CHUNK = 200;
/** Messages handed to the SMTP pool at once. */
const IN_FLIGHT = 4;

export const NO_SMTP_REASON =
  'SMTP_URL が設定されていないため送信していません。.eml をダウンロードして送るか、SMTP_URL を設定してから再送してください';

export interface SendReport {
  sent: number;
  dropped: number;
  unsent: number;
  bounced: number;
  /** Not taken by the server this time: approved again, the job is retried. */
  retry: number;
  /** Messages were left for a continuation job (the limit of one job was reached). */
  more: boolean;
  /** The last message this job went through (a continuation starts after it). */
  lastId: string;
}

/**
 * Messages one job goes through at most (about 10 s at 50 a second): a batch of thousands is a
 * chain of short jobs, so a worker lost midway, or a lock lost under load, costs little.
 */
export const MESSAGES_PER_JOB = 500;

/** Spaces messages so no more than `perSecond` start in any second, across all batches of the process. */
class RateGate {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/**
 * Sends the approved messages of a batch (workers): recipients are read again first, so an
 * applicant who complied since the batch was drafted is dropped; each message is claimed
 * (`sending`, with its Message-ID) before its SMTP dialogue and recorded after it.
 *
 * A message found `sending` is never sent again by itself. Like pretalx, which marks a mail
 * sent when it hands it over, we prefer a message lost to a message sent twice: a crash between
 * the server's 250 and our record leaves the message `sending`; the reconciler later marks it
 * 未送信 saying it may have arrived, and an admin who checked resends it (same Message-ID, so a
 * copy that did arrive is recognisable as the same message).
 */
@Injectable()
export class OutboxSenderService {
  private readonly logger = new Logger(OutboxSenderService.name);
  private readonly gate: RateGate;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransportService,
    private readonly rounds: RoundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.gate = new RateGate(config.mailRatePerSecond);
  }

  async sendBatch(batchId: string, limit = MESSAGES_PER_JOB): Promise<SendReport> {
    const report: SendReport = {
      sent: 0,
      dropped: 0,
      unsent: 0,
      bounced: 0,
      retry: 0,
      more: false,
      lastId: '0',
    };
    const batch = await this.outbox.batch(batchId);
    if (!batch || !batch.approvedAt) return report;
    if (batch.sendAfter && new Date(batch.sendAfter).getTime() > Date.now()) return report;
    await this.rounds.get(batch.roundId);
    const attachments = await this.outbox.attachments(batch.id);
    let after = '0';
    let read = 0;
    for (;;) {
      if (read >= limit) {
        report.more = true;
        break;
      }
      const rows = await this.outbox.approvedOf(batch.id, after, Math.min(CHUNK, limit - read));
      if (rows.length === 0) break;
      read += rows.length;
      after = rows[rows.length - 1].id;
      report.lastId = after;
      const facts = new Map(
        (
          await this.outbox.facts(
            batch.roundId,
            rows.map((r) => r.dossierId),
          )
        ).map((f) => [f.dossierId, f]),
      );
      const settle: { id: string; status: 'dropped' | 'unsent' | 'bounced'; reason: string }[] = [];
      const toSend: { id: string; facts: RecipientFacts }[] = [];
      for (const row of rows) {
        const f = facts.get(row.dossierId);
        const blocked = f ? undeliverable(f) : null;
        if (!f || !isDue(row.kind, f)) {
          settle.push({
            id: row.id,
            status: 'dropped',
            reason: '送る前に対象でなくなりました(入金・修了・書類の到着などを確認)',
          });
        } else if (blocked) {
          settle.push({ id: row.id, ...blocked });
        } else if (!this.transport.configured) {
          settle.push({ id: row.id, status: 'unsent', reason: NO_SMTP_REASON });
        } else {
          toSend.push({ id: row.id, facts: f });
        }
      }
      await this.outbox.settle(settle);
      for (const s of settle) report[s.status] += 1;
      let next = 0;
      const lane = async () => {
        while (next < toSend.length) {
          const item = toSend[next++];
          await this.gate.wait();
          const outcome = await this.sendOne(item.id, item.facts, attachments);
          if (outcome) report[outcome] += 1;
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    }
    if (report.retry > 0) {
      throw new Error(
        `${report.retry} messages of batch ${batch.id} were not taken by the SMTP server; retrying`,
      );
    }
    if (report.sent + report.bounced + report.unsent + report.dropped > 0 || report.more) {
      this.logger.log(`Batch ${batch.id}: ${JSON.stringify(report)}`);
    }
    return report;
  }

  /** Claims, sends and records one message; null when another sender took it first. */
  private async sendOne(
    id: string,
    facts: RecipientFacts,
    attachments: readonly MailAttachment[],
  ): Promise<'sent' | 'bounced' | 'retry' | 'unsent' | null> {
    const message = await this.outbox.claim(id);
    if (!message) return null;
    const options = mailOptionsOf({ ...message, recipient: facts.email.trim() }, attachments, {
      from: this.config.mailFrom,
      testRecipient: this.config.mailTestRecipient,
    });
    const outcome = await this.transport.send(options);
    switch (outcome.kind) {
      case 'sent':
        await this.outbox.recordSent(message.id, outcome.to, outcome.response);
        return 'sent';
      case 'refused': {
        // In test mode the refused address is the test address, not the applicant's.
        const bad = outcome.recipientRefused && !this.config.mailTestRecipient;
        await this.outbox.recordRefused(
          message,
          'bounced',
          bad
            ? `受信を拒否されました(${facts.email})。申請者に正しいアドレスを確認してください`
            : 'メールサーバーが受け付けませんでした。サーバーの応答を確認してください',
          outcome.response,
          bad ? facts.email.trim() : null,
        );
        return 'bounced';
      }
      case 'retry':
        await this.outbox.release(message.id);
        return 'retry';
      case 'uncertain':
        await this.outbox.recordRefused(
          message,
          'unsent',
          '送信中に接続が切れました。届いている可能性があるため自動では再送しません。届いていないことを確かめてから再送してください',
          outcome.response,
          null,
        );
        return 'unsent';
    }
  }
}
