import { InjectQueue } from '@nestjs/bullmq';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { jstDay } from '../common/japan-time.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { QUEUES, sendBatchJob, type OutboxJob, type QueueOf } from '../queues/queues.js';
import { RoundService } from '../rounds/round.service.js';
import type { BatchCreateDto } from './dto/batch-create.dto.js';
import type { MailFlagsDto } from './dto/mail-flags.dto.js';
import type { TemplatePreviewDto } from './dto/template-preview.dto.js';
import type { TemplateSaveDto } from './dto/template-save.dto.js';
import { emlOf, mailOptionsOf } from './mail-message.js';
import {
  deadlineOf,
  isDue,
  mergeValues,
  undeliverable,
  type RecipientFacts,
  type RecipientRound,
} from './mail-recipients.js';
import {
  isReminder,
  MAIL_KINDS,
  renderMail,
  templateProblems,
  type MailKind,
  type MailTemplate,
} from './mail-template.js';
import { messageIdOf, messageKey } from './message-key.js';
import { OutboxRepository, type MessageSortField, type NewMessage } from './outbox.repository.js';
import type {
  BatchRow,
  MailAttachment,
  MessageRow,
  RecipientFlags,
  TemplateRow,
} from './outbox.views.js';

/**
 * A message `sending` for longer than this lost its worker: an SMTP dialogue ends within the
 * transport's timeouts (60 s) long before.
 */
export const SENDING_STALE_SECONDS = 300;

const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

function kindOf(kind: string): MailKind {
  if (!(MAIL_KINDS as readonly string[]).includes(kind)) {
    throw new NotFoundError(`メールの種類「${kind}」はありません`);
  }
  return kind as MailKind;
}

/** `day` minus `days` days, at 9:00 Japan time. */
export function morningBefore(day: string, days: number): Date {
  const at = new Date(`${day}T09:00:00+09:00`);
  return new Date(at.getTime() - days * 24 * 3600 * 1000);
}

/**
 * The e-mail outbox: templates, batches drafted from who is due, approval, and the messages
 * (list, .eml, resend); the applicants' flags. Sending is OutboxSenderService's, in workers.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.outbox) private readonly queue: QueueOf<OutboxJob>,
  ) {}

  // ── templates ──

  templates(): Promise<TemplateRow[]> {
    return this.outbox.templates();
  }

  async template(kind: string): Promise<TemplateRow> {
    const row = await this.outbox.template(kindOf(kind));
    if (!row) throw new NotFoundError(`テンプレート「${kind}」はありません`);
    return row;
  }

  /**
   * Saves a template and writes every message of its kind not sent yet again with it (an
   * approved one goes back to draft, to be approved as it now reads).
   */
  async saveTemplate(
    kind: string,
    body: TemplateSaveDto,
    user: SessionUser,
  ): Promise<TemplateRow & { rewritten: number; backToDraft: number; duplicates: number }> {
    const before = await this.template(kind);
    const text: MailTemplate = { subject: body.subject, body: body.body };
    const problems = templateProblems(before.kind, text);
    if (problems.length > 0) {
      throw new InvalidInputError('テンプレートを保存できません。次の点を直してください', problems);
    }
    const version = await this.outbox.saveTemplate(before.kind, text, body.version, user.login);
    if (version === null) {
      const now = await this.template(kind);
      throw new ConflictError(
        `${now.updatedBy} さんがこのテンプレートを先に保存しました(版 ${now.version})。画面を読み込み直し、変更をもう一度入れてください`,
      );
    }
    const unsent = await this.outbox.unsentOfKind(before.kind);
    const keys = new Map<string, string>();
    const rewritten = [];
    for (const m of unsent) {
      if (!keys.has(m.batchId)) keys.set(m.batchId, await this.outbox.attachmentsKey(m.batchId));
      const mail = renderMail(text, m.mergeValues);
      const key = messageKey(before.kind, m.roundId, m.certNo, mail, keys.get(m.batchId));
      rewritten.push({
        id: m.id,
        ...mail,
        messageKey: key,
        messageId: messageIdOf(key, this.config.mailFrom),
      });
    }
    const counts = await this.outbox.rewrite(rewritten, version);
    await this.audit.record({
      actor: user.login,
      action: 'mail-template.updated',
      entity: 'mail-template',
      entityId: before.kind,
      before: { subject: before.subject, body: before.body, version: before.version },
      after: { subject: text.subject, body: text.body, version, ...counts },
    });
    return { ...(await this.template(kind)), ...counts };
  }

  /** A template as one applicant would get it now, with whether they are due it. */
  async preview(kind: string, body: TemplatePreviewDto) {
    const k = kindOf(kind);
    const text = { subject: body.subject, body: body.body };
    const problems = templateProblems(k, text);
    const [facts] = await this.outbox.factsOfDossier(body.dossierId);
    if (!facts)
      throw new NotFoundError('プレビューする申請が見つかりません。申請者を選び直してください');
    const round = await this.recipientRound(facts.roundId);
    const values = mergeValues(k, facts, round, { dueBy: body.dueBy || null });
    return {
      problems,
      mail: problems.length ? null : renderMail(text, values),
      recipient: facts.email,
      name: facts.name,
      certNo: facts.certNo,
      due: isDue(k, facts),
      undeliverable: undeliverable(facts)?.reason ?? null,
    };
  }

  // ── batches ──

  private async recipientRound(roundId: string): Promise<RecipientRound> {
    const round = await this.rounds.get(roundId);
    return { ...round, id: round.round };
  }

  /**
   * Drafts a batch: every applicant of the round (or those chosen) due this kind of e-mail now,
   * each message rendered from the current template. A message already in the outbox (the
   * same kind, applicant, round and content) is not drafted again.
   */
  async createBatch(body: BatchCreateDto, user: SessionUser) {
    const round = await this.recipientRound(body.roundId);
    const kind = body.kind;
    const dueBy = body.dueBy || null;
    const needsDue =
      kind === 'payment-request' || kind === 'deficiency' || kind === 'reminder-certification-fee';
    if (needsDue && !dueBy) {
      throw new InvalidInputError('期限を入れてください', [
        {
          field: 'dueBy',
          message:
            kind === 'deficiency'
              ? '再提出の期限を入れてください'
              : '更新認定料の支払期限を入れてください',
        },
      ]);
    }
    if (dueBy && dueBy < jstDay(new Date())) {
      throw new InvalidInputError('期限が過ぎています', [
        { field: 'dueBy', message: '期限は今日以降の日付にしてください' },
      ]);
    }
    let sendAfter: Date | null = null;
    if (isReminder(kind)) {
      if (body.daysBefore === null) {
        throw new InvalidInputError('督促を送る日を決めてください', [
          { field: 'daysBefore', message: '期限の何日前に送るかを入れてください(0 で期限当日)' },
        ]);
      }
      const deadline = deadlineOf(kind, round, { dueBy });
      sendAfter = morningBefore(deadline!, body.daysBefore);
    }
    const attachments: MailAttachment[] = body.attachments.map((a) => ({
      fileName: a.fileName,
      mediaType: a.mediaType,
      content: Buffer.from(a.contentBase64, 'base64'),
    }));
    const large = attachments.find((a) => a.content.length > MAX_ATTACHMENT_BYTES);
    if (large) {
      throw new InvalidInputError('添付ファイルが大きすぎます', [
        {
          field: 'attachments',
          message: `${large.fileName} は 2 MB を超えています。小さくしてから添付してください`,
        },
      ]);
    }
    const template = await this.template(kind);
    const facts = await this.outbox.facts(round.id, body.dossierIds ?? undefined);
    const attachmentsKey = attachments.map((a) => createHashHex(a.content)).join(',');
    const messages = this.draft(
      kind,
      facts.filter((f) => isDue(kind, f)),
      round,
      template,
      dueBy,
      attachmentsKey,
    );
    const result = await this.outbox.createBatch(
      {
        roundId: round.id,
        kind,
        dueBy,
        sendAfter,
        createdBy: user.login,
        templateVersion: template.version,
      },
      messages,
      attachments,
    );
    await this.audit.record({
      actor: user.login,
      action: 'mail-batch.created',
      entity: 'mail-batch',
      entityId: result.batchId,
      roundId: round.id,
      after: { kind, dueBy, sendAfter, messages: result.written, skipped: result.skipped },
    });
    return {
      ...(await this.batch(result.batchId)),
      written: result.written,
      skipped: result.skipped,
    };
  }

  /** The messages of a batch for these applicants (pure but for the Message-ID's domain). */
  draft(
    kind: MailKind,
    due: readonly RecipientFacts[],
    round: RecipientRound,
    template: MailTemplate,
    dueBy: string | null,
    attachmentsKey: string,
  ): NewMessage[] {
    return due.map((f) => {
      const values = mergeValues(kind, f, round, { dueBy });
      const mail = renderMail(template, values);
      const key = messageKey(kind, round.id, f.certNo, mail, attachmentsKey);
      const blocked = undeliverable(f);
      return {
        dossierId: f.dossierId,
        certNo: f.certNo,
        recipient: f.email.trim(),
        ...mail,
        mergeValues: values,
        messageKey: key,
        messageId: messageIdOf(key, this.config.mailFrom),
        status: blocked?.status ?? 'draft',
        reason: blocked?.reason ?? null,
      };
    });
  }

  batches(query: ListQuery): Promise<[BatchRow[], number]> {
    return this.outbox.batches(query.filter, query.offset, query.limit);
  }

  async batch(id: string): Promise<BatchRow> {
    const row = await this.outbox.batch(id);
    if (!row) throw new NotFoundError(`メールの一括送信 ${id} はありません`);
    return row;
  }

  /**
   * A person approves the batch's drafts; its sending is queued for its time (a reminder's
   * day, else now). Recipients are read again when it is sent.
   */
  async approve(id: string, user: SessionUser) {
    const batch = await this.batch(id);
    const approved = await this.outbox.approve(batch.id, user.login);
    if (approved === 0 && !(batch.counts.approved ?? 0)) {
      throw new ConflictError(
        '承認する下書きがありません。すでに承認されたか、送るメールがありません',
      );
    }
    const delay = batch.sendAfter ? new Date(batch.sendAfter).getTime() - Date.now() : 0;
    await this.queueSending(batch.id, `approved-${Date.now()}`, delay);
    await this.audit.record({
      actor: user.login,
      action: 'mail-batch.approved',
      entity: 'mail-batch',
      entityId: batch.id,
      roundId: batch.roundId,
      after: { kind: batch.kind, approved, sendAfter: batch.sendAfter },
    });
    return { ...(await this.batch(batch.id)), approved };
  }

  async queueSending(batchId: string, occasion: string, delayMs = 0): Promise<void> {
    const job = sendBatchJob(batchId, occasion, delayMs);
    await this.queue.add(job.name, job.data, job.opts);
  }

  /**
   * For the workers' reconciler: messages left `sending` longer than `staleSeconds` (their
   * worker died) are marked 未送信, not sent again; every batch with approved messages whose
   * time has come is queued again (its lost job, or a retry given up while SMTP was away).
   */
  async reconcile(
    staleSeconds = SENDING_STALE_SECONDS,
  ): Promise<{ interrupted: number; batches: number }> {
    const interrupted = await this.outbox.interruptStale(staleSeconds);
    const due = await this.outbox.batchesDue();
    const minute = Math.floor(Date.now() / 60000);
    for (const id of due) await this.queueSending(id, `reconcile-${minute}`);
    return { interrupted, batches: due.length };
  }

  // ── messages ──

  messages(query: ListQuery<MessageSortField>): Promise<[MessageRow[], number]> {
    return this.outbox.messages(
      query.filter,
      { field: query.sortField, order: query.sortOrder },
      query.offset,
      query.limit,
    );
  }

  async message(id: string): Promise<MessageRow> {
    const row = await this.outbox.message(id);
    if (!row) throw new NotFoundError(`メール ${id} はありません`);
    return row;
  }

  /** The message as an .eml file, as it was or would be sent (the download is audited). */
  async eml(id: string, reader: { login: string; ip: string | null }) {
    const message = await this.message(id);
    const attachments = await this.outbox.attachments(message.batchId);
    const body = await emlOf(
      mailOptionsOf(message, attachments, {
        from: this.config.mailFrom,
        testRecipient: this.config.mailTestRecipient,
      }),
    );
    await this.audit.recordRead({
      actor: reader.login,
      action: 'mail-message.downloaded',
      entity: 'mail-message',
      entityId: message.id,
      roundId: message.roundId,
      certNo: message.certNo,
      ip: reader.ip,
    });
    return {
      body,
      fileName: `mail-${message.certNo}-${message.id}.eml`,
      contentType: 'message/rfc822',
    };
  }

  /**
   * Sends an unsent or refused message again, on an admin's word: after a crash that may have
   * delivered it, after SMTP_URL was set, or after the address was corrected.
   */
  async resend(id: string, user: SessionUser) {
    const message = await this.message(id);
    const done = await this.outbox.resend(message.id, user.login);
    if (!done) {
      throw new ConflictError('このメールは未送信でも送信不可でもないため、再送できません');
    }
    await this.queueSending(done.batchId, `resend-${message.id}-${Date.now()}`);
    await this.audit.record({
      actor: user.login,
      action: 'mail-message.resent',
      entity: 'mail-message',
      entityId: message.id,
      roundId: message.roundId,
      certNo: message.certNo,
      before: { status: message.status, reason: message.reason },
    });
    return this.message(message.id);
  }

  // ── flags ──

  async flags(dossierId: string): Promise<RecipientFlags> {
    const row = await this.outbox.flags(dossierId);
    if (!row) throw new NotFoundError(`申請 ${dossierId} はありません`);
    return row;
  }

  async setFlags(
    dossierId: string,
    body: MailFlagsDto,
    user: SessionUser,
  ): Promise<RecipientFlags> {
    const before = await this.flags(dossierId);
    await this.outbox.setDoNotMail(
      before.dossierId,
      body.doNotMail,
      body.reason || null,
      user.login,
    );
    if (body.clearBadAddress) await this.outbox.clearBadAddress(before.dossierId, user.login);
    const after = await this.flags(dossierId);
    await this.audit.record({
      actor: user.login,
      action: 'mail-flags.updated',
      entity: 'dossier',
      entityId: before.dossierId,
      before: {
        doNotMail: before.doNotMail,
        reason: before.doNotMailReason,
        badAddress: before.badAddress,
      },
      after: {
        doNotMail: after.doNotMail,
        reason: after.doNotMailReason,
        badAddress: after.badAddress,
      },
    });
    return after;
  }
}

function createHashHex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
