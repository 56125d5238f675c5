import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { latestReleasedDecisionOf } from '../decisions/decision-sql.js';
import {
  CURRENT_REVISION,
  isFailingDocument,
  NAME,
  PAYMENTS,
} from '../dossiers/dossier-projection.js';
import type { RecipientFacts } from './mail-recipients.js';
import { MAIL_KIND_TITLES, fieldsOf, type MailKind, type MergeValues } from './mail-template.js';
import type {
  BatchRow,
  MailAttachment,
  MessageRow,
  MessageStatus,
  OutgoingMessage,
  RecipientFlags,
  TemplateRow,
} from './outbox.views.js';

/** A message to insert (or to rewrite, for a template change). */
export interface NewMessage {
  dossierId: string;
  certNo: string;
  recipient: string;
  subject: string;
  body: string;
  mergeValues: MergeValues;
  messageKey: string;
  messageId: string;
  /** draft, or unsent/bounced with the reason when it cannot go. */
  status: 'draft' | 'unsent' | 'bounced';
  reason: string | null;
}

export const MESSAGE_SORTABLE = ['id', 'certNo', 'status', 'sentAt'] as const;
export type MessageSortField = (typeof MESSAGE_SORTABLE)[number];

/** TypeORM answers an UPDATE … RETURNING with [rows, affected]. */
type Updated<T> = [T[], number];

/** Any message of these statuses is one message: the unique key covers them. */
const KEYED = `status NOT IN ('dropped', 'bounced')`;

const FACTS = `
  SELECT d.id::text AS "dossierId", d.cert_no AS "certNo", ${NAME} AS name,
         coalesce(r.applicant->>'email', '') AS email, x.decision,
         ${PAYMENTS} AS payments,
         coalesce((SELECT jsonb_agg(jsonb_build_object('rule', e->>'rule', 'message', e->>'message'))
                     FROM check_results c, jsonb_array_elements(c.results) e
                    WHERE c.dossier_id = d.id AND ${isFailingDocument('e')}), '[]') AS deficiencies,
         (SELECT c.outcomes->>'elearning' FROM check_results c WHERE c.dossier_id = d.id) AS "elearningOutcome",
         (SELECT count(*)::int FROM envelopes v WHERE v.round_id = d.round_id AND v.cert_no = d.cert_no) AS envelopes,
         coalesce(f.do_not_mail, false) AS "doNotMail", f.bad_address AS "badAddress"
    FROM dossiers d ${CURRENT_REVISION}
    LEFT JOIN LATERAL ${latestReleasedDecisionOf('d.id')} x ON true
    LEFT JOIN mail_recipient_flags f ON f.dossier_id = d.id`;

const MESSAGE_COLUMNS = `m.id::text, m.batch_id::text AS "batchId", m.round_id AS "roundId", m.kind,
  m.dossier_id::text AS "dossierId", m.cert_no AS "certNo", ${NAME} AS name, m.recipient, m.subject,
  m.body, m.template_version AS "templateVersion", m.message_key AS "messageKey",
  m.message_id AS "messageId", m.status, m.reason, m.approved_by AS "approvedBy",
  m.approved_at AS "approvedAt", m.sending_at AS "sendingAt", m.sent_to AS "sentTo",
  m.sent_at AS "sentAt", m.smtp_response AS "smtpResponse"`;

/** Templates, batches, messages and recipients' flags of the e-mail outbox. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ── templates ──

  async templates(): Promise<TemplateRow[]> {
    const rows: Omit<TemplateRow, 'title' | 'fields' | 'id'>[] = await this.dataSource.query(
      `SELECT kind, subject, body, version, updated_by AS "updatedBy", updated_at AS "updatedAt"
         FROM mail_templates ORDER BY kind`,
    );
    return rows.map((t) => ({
      ...t,
      id: t.kind,
      title: MAIL_KIND_TITLES[t.kind],
      fields: fieldsOf(t.kind),
    }));
  }

  async template(kind: MailKind): Promise<TemplateRow | null> {
    return (await this.templates()).find((t) => t.kind === kind) ?? null;
  }

  /** Saves a template if it is still at `expectedVersion`; null when someone saved meanwhile. */
  async saveTemplate(
    kind: MailKind,
    text: { subject: string; body: string },
    expectedVersion: number,
    by: string,
  ): Promise<number | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE mail_templates SET subject = $2, body = $3, version = version + 1, updated_by = $5, updated_at = now()
        WHERE kind = $1 AND version = $4 RETURNING version`,
      [kind, text.subject, text.body, expectedVersion, by],
    )) as Updated<{ version: number }>;
    return rows[0]?.version ?? null;
  }

  // ── recipients ──

  /** The facts of the round's dossiers (or of these), by 認定番号. */
  async facts(roundId: string, dossierIds?: readonly string[]): Promise<RecipientFacts[]> {
    return this.dataSource.query(
      `${FACTS} WHERE d.round_id = $1 ${dossierIds ? 'AND d.id = ANY($2::bigint[])' : ''} ORDER BY d.cert_no`,
      dossierIds ? [roundId, dossierIds] : [roundId],
    );
  }

  /** The facts of one dossier, with its round. */
  async factsOfDossier(dossierId: string): Promise<(RecipientFacts & { roundId: string })[]> {
    if (!/^\d{1,18}$/.test(dossierId)) return [];
    return this.dataSource.query(
      `SELECT f.*, d.round_id AS "roundId" FROM (${FACTS} WHERE d.id = $1) f JOIN dossiers d ON d.id = f."dossierId"::bigint`,
      [dossierId],
    );
  }

  // ── batches ──

  /**
   * A new batch and its messages in one transaction. A message already in the outbox (same
   * kind, applicant, round and content) is not written again: returns how many were skipped.
   */
  async createBatch(
    batch: {
      roundId: string;
      kind: MailKind;
      dueBy: string | null;
      sendAfter: Date | null;
      createdBy: string;
      templateVersion: number;
    },
    messages: readonly NewMessage[],
    attachments: readonly MailAttachment[],
  ): Promise<{ batchId: string; written: number; skipped: number }> {
    return this.dataSource.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO mail_batches (round_id, kind, due_by, send_after, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id::text`,
        [batch.roundId, batch.kind, batch.dueBy, batch.sendAfter, batch.createdBy],
      );
      for (const a of attachments) {
        await tx.query(
          `INSERT INTO mail_attachments (batch_id, file_name, media_type, content, sha256)
           VALUES ($1, $2, $3, $4, encode(sha256($4), 'hex'))`,
          [id, a.fileName, a.mediaType, a.content],
        );
      }
      let written = 0;
      const CHUNK = 1000;
      for (let i = 0; i < messages.length; i += CHUNK) {
        const part = messages.slice(i, i + CHUNK);
        const column = <K extends keyof NewMessage>(k: K) => part.map((m) => m[k]);
        const rows: unknown[] = await tx.query(
          `INSERT INTO mail_messages (batch_id, round_id, kind, dossier_id, cert_no, recipient, subject, body,
                                      merge_values, template_version, message_key, message_id, status, reason)
           SELECT $1, $2, $3, x.dossier_id, x.cert_no, x.recipient, x.subject, x.body, x.merge_values, $4,
                  x.message_key, x.message_id, x.status, x.reason
             FROM unnest($5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                         $11::text[], $12::text[], $13::text[], $14::text[])
                  AS x(dossier_id, cert_no, recipient, subject, body, merge_values, message_key, message_id, status, reason)
           ON CONFLICT (message_key) WHERE ${KEYED} DO NOTHING
           RETURNING id`,
          [
            id,
            batch.roundId,
            batch.kind,
            batch.templateVersion,
            column('dossierId'),
            column('certNo'),
            column('recipient'),
            column('subject'),
            column('body'),
            part.map((m) => JSON.stringify(m.mergeValues)),
            column('messageKey'),
            column('messageId'),
            column('status'),
            column('reason'),
          ],
        );
        written += rows.length;
      }
      return { batchId: id, written, skipped: messages.length - written };
    });
  }

  private batchQuery(where: string): string {
    return `SELECT b.id::text, b.round_id AS "roundId", b.kind, to_char(b.due_by, 'YYYY-MM-DD') AS "dueBy",
                   b.send_after AS "sendAfter", b.created_by AS "createdBy", b.created_at AS "createdAt",
                   b.approved_by AS "approvedBy", b.approved_at AS "approvedAt",
                   coalesce((SELECT jsonb_object_agg(s.status, s.n) FROM
                               (SELECT status, count(*)::int AS n FROM mail_messages m
                                 WHERE m.batch_id = b.id GROUP BY status) s), '{}') AS counts,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id::text, 'fileName', a.file_name,
                                                                 'mediaType', a.media_type, 'size', octet_length(a.content))
                                              ORDER BY a.id)
                               FROM mail_attachments a WHERE a.batch_id = b.id), '[]') AS attachments
              FROM mail_batches b ${where}`;
  }

  async batches(
    filter: Record<string, unknown>,
    offset: number,
    limit: number,
  ): Promise<[BatchRow[], number]> {
    const params: unknown[] = [];
    const parts: string[] = [];
    if (typeof filter.roundId === 'string' && filter.roundId) {
      params.push(filter.roundId);
      parts.push(`b.round_id = $${params.length}`);
    }
    if (typeof filter.kind === 'string' && filter.kind) {
      params.push(filter.kind);
      parts.push(`b.kind = $${params.length}`);
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${this.batchQuery(where)} ORDER BY b.id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM mail_batches b ${where}`, params),
    ]);
    return [rows.map(withTitle), total];
  }

  async batch(id: string): Promise<BatchRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.dataSource.query(this.batchQuery('WHERE b.id = $1'), [id]);
    return row ? withTitle(row) : null;
  }

  /** Approves the batch's drafts; returns how many. */
  async approve(batchId: string, by: string): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE mail_batches SET approved_by = $2, approved_at = now() WHERE id = $1`,
        [batchId, by],
      );
      const [rows] = (await tx.query(
        `UPDATE mail_messages SET status = 'approved', approved_by = $2, approved_at = now(),
                reason = NULL, updated_at = now()
          WHERE batch_id = $1 AND status = 'draft' RETURNING id`,
        [batchId, by],
      )) as Updated<unknown>;
      return rows.length;
    });
  }

  async attachments(batchId: string): Promise<MailAttachment[]> {
    return this.dataSource.query(
      `SELECT file_name AS "fileName", media_type AS "mediaType", content
         FROM mail_attachments WHERE batch_id = $1 ORDER BY id`,
      [batchId],
    );
  }

  /** The sha256 of each attachment of a batch, in order: part of its messages' content key. */
  async attachmentsKey(batchId: string): Promise<string> {
    const [{ key }] = await this.dataSource.query(
      `SELECT coalesce(string_agg(sha256, ',' ORDER BY id), '') AS key FROM mail_attachments WHERE batch_id = $1`,
      [batchId],
    );
    return key;
  }

  // ── messages ──

  async messages(
    filter: Record<string, unknown>,
    sort: { field: MessageSortField; order: 'ASC' | 'DESC' },
    offset: number,
    limit: number,
  ): Promise<[MessageRow[], number]> {
    const params: unknown[] = [];
    const parts: string[] = [];
    const add = (value: unknown, sql: (p: string) => string) => {
      params.push(value);
      parts.push(sql(`$${params.length}`));
    };
    const id = (v: unknown) => typeof v === 'string' && /^\d{1,18}$/.test(v);
    if (id(filter.batchId)) add(filter.batchId, (p) => `m.batch_id = ${p}`);
    if (id(filter.dossierId)) add(filter.dossierId, (p) => `m.dossier_id = ${p}`);
    if (typeof filter.roundId === 'string' && filter.roundId) {
      add(filter.roundId, (p) => `m.round_id = ${p}`);
    }
    if (typeof filter.status === 'string' && filter.status) {
      // 承認済み covers the messages being sent at this moment.
      const statuses = filter.status === 'approved' ? ['approved', 'sending'] : [filter.status];
      add(statuses, (p) => `m.status = ANY(${p}::text[])`);
    }
    if (typeof filter.q === 'string' && filter.q.trim()) {
      add(filter.q.trim(), (p) => `(m.cert_no = ${p} OR m.recipient ILIKE ${p})`);
    }
    const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const by = { id: 'm.id', certNo: 'm.cert_no', status: 'm.status', sentAt: 'm.sent_at' };
    const from = `mail_messages m JOIN dossiers d ON d.id = m.dossier_id ${where}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${MESSAGE_COLUMNS} FROM ${from}
          ORDER BY ${by[sort.field]} ${sort.order} NULLS LAST, m.id ${sort.order} LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, params),
    ]);
    return [rows, total];
  }

  async message(id: string): Promise<MessageRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM mail_messages m JOIN dossiers d ON d.id = m.dossier_id WHERE m.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Messages of a kind not sent yet (to rewrite after a template change). */
  async unsentOfKind(kind: MailKind): Promise<
    {
      id: string;
      roundId: string;
      certNo: string;
      batchId: string;
      mergeValues: MergeValues;
      status: MessageStatus;
    }[]
  > {
    return this.dataSource.query(
      `SELECT id::text, round_id AS "roundId", cert_no AS "certNo", batch_id::text AS "batchId",
              merge_values AS "mergeValues", status
         FROM mail_messages m WHERE kind = $1 AND status IN ('draft', 'approved', 'unsent') ORDER BY m.id`,
      [kind],
    );
  }

  /**
   * Rewrites unsent messages with a new template (one transaction): approved ones go back to
   * draft, to be approved again as they now read; one that now says what a message already in
   * the outbox says is dropped, naming it.
   */
  async rewrite(
    rewritten: {
      id: string;
      subject: string;
      body: string;
      messageKey: string;
      messageId: string;
    }[],
    templateVersion: number,
  ): Promise<{ rewritten: number; backToDraft: number; duplicates: number }> {
    if (rewritten.length === 0) return { rewritten: 0, backToDraft: 0, duplicates: 0 };
    return this.dataSource.transaction(async (tx) => {
      const [dup] = (await tx.query(
        `UPDATE mail_messages m SET status = 'dropped', updated_at = now(),
                reason = 'テンプレートの変更後、送信済みまたは作成済みのメールと同じ内容になりました'
           FROM unnest($1::bigint[], $2::text[]) AS x(id, message_key)
          WHERE m.id = x.id AND EXISTS (SELECT 1 FROM mail_messages o
                  WHERE o.message_key = x.message_key AND o.id <> m.id AND o.${KEYED})
         RETURNING m.id::text`,
        [rewritten.map((r) => r.id), rewritten.map((r) => r.messageKey)],
      )) as Updated<{ id: string }>;
      const dropped = new Set(dup.map((d) => d.id));
      const keep = rewritten.filter((r) => !dropped.has(r.id));
      const [rows] = (await tx.query(
        `WITH x AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
                      AS x(id, subject, body, message_key, message_id)),
              old AS (SELECT m.id, m.status FROM mail_messages m JOIN x ON x.id = m.id
                       WHERE m.status IN ('draft', 'approved', 'unsent') FOR UPDATE OF m)
         UPDATE mail_messages m SET subject = x.subject, body = x.body, message_key = x.message_key,
                message_id = x.message_id, template_version = $6, updated_at = now(),
                status = CASE WHEN old.status = 'approved' THEN 'draft' ELSE old.status END,
                reason = CASE WHEN old.status = 'approved'
                              THEN 'テンプレートが変更されたため、もう一度承認してください' ELSE m.reason END,
                approved_by = CASE WHEN old.status = 'approved' THEN NULL ELSE m.approved_by END,
                approved_at = CASE WHEN old.status = 'approved' THEN NULL ELSE m.approved_at END
           FROM x JOIN old ON old.id = x.id
          WHERE m.id = x.id
         RETURNING old.status AS was`,
        [
          keep.map((r) => r.id),
          keep.map((r) => r.subject),
          keep.map((r) => r.body),
          keep.map((r) => r.messageKey),
          keep.map((r) => r.messageId),
          templateVersion,
        ],
      )) as Updated<{ was: string }>;
      return {
        rewritten: rows.length,
        backToDraft: rows.filter((r) => r.was === 'approved').length,
        duplicates: dropped.size,
      };
    });
  }

  // ── sending ──

  /** Approved messages of a batch still to send, `limit` at a time in id order. */
  async approvedOf(
    batchId: string,
    afterId: string,
    limit: number,
  ): Promise<{ id: string; dossierId: string; kind: MailKind; roundId: string }[]> {
    return this.dataSource.query(
      `SELECT id::text, dossier_id::text AS "dossierId", kind, round_id AS "roundId"
         FROM mail_messages m WHERE batch_id = $1 AND status = 'approved' AND m.id > $2
        ORDER BY m.id LIMIT $3`,
      [batchId, afterId, limit],
    );
  }

  /** Sets messages still approved to a final status without sending (complied, no address…). */
  async settle(
    updates: { id: string; status: 'dropped' | 'unsent' | 'bounced'; reason: string }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await this.dataSource.query(
      `UPDATE mail_messages m SET status = x.status, reason = x.reason, updated_at = now()
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, status, reason)
        WHERE m.id = x.id AND m.status = 'approved'`,
      [updates.map((u) => u.id), updates.map((u) => u.status), updates.map((u) => u.reason)],
    );
  }

  /**
   * Claims one approved message for sending: recorded as `sending` before the SMTP dialogue
   * starts, so a crash leaves a trace and the message is not sent again by itself. Null when
   * it is no longer approved (another worker took it, a template change sent it back).
   */
  async claim(id: string): Promise<OutgoingMessage | null> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE mail_messages SET status = 'sending', sending_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'approved'
       RETURNING id::text, batch_id::text AS "batchId", dossier_id::text AS "dossierId", recipient,
                 subject, body, message_id AS "messageId"`,
      [id],
    )) as Updated<OutgoingMessage>;
    return row ?? null;
  }

  async recordSent(id: string, sentTo: string, response: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_messages SET status = 'sent', sent_to = $2, sent_at = now(), smtp_response = $3,
              reason = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [id, sentTo, response],
    );
  }

  /** The server refused the message: recorded with its answer (and the address marked bad). */
  async recordRefused(
    message: OutgoingMessage,
    status: 'bounced' | 'unsent',
    reason: string,
    response: string,
    badAddress: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE mail_messages SET status = $2, reason = $3, smtp_response = $4, updated_at = now()
          WHERE id = $1 AND status = 'sending'`,
        [message.id, status, reason, response],
      );
      if (badAddress) {
        await tx.query(
          `INSERT INTO mail_recipient_flags (dossier_id, bad_address, bad_reason, bad_at, updated_by)
           VALUES ($1, $2, $3, now(), 'smtp')
           ON CONFLICT (dossier_id) DO UPDATE SET bad_address = $2, bad_reason = $3, bad_at = now(),
                                                  updated_by = 'smtp', updated_at = now()`,
          [message.dossierId, badAddress, response],
        );
      }
    });
  }

  /** The SMTP server was not reached or answered "try later": the message waits approved again. */
  async release(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_messages SET status = 'approved', sending_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending'`,
      [id],
    );
  }

  /**
   * Messages left `sending` for longer than `seconds` (their worker died between the SMTP
   * dialogue and its record, or during it): marked 未送信 with why, never sent again by
   * themselves, since the server may have taken them. Returns how many.
   */
  async interruptStale(seconds: number): Promise<number> {
    const [rows] = (await this.dataSource.query(
      `UPDATE mail_messages SET status = 'unsent', updated_at = now(),
              reason = '送信中に中断されました。届いている可能性があるため自動では再送しません。届いていないことを確かめてから再送してください'
        WHERE status = 'sending' AND sending_at < now() - make_interval(secs => $1)
       RETURNING id`,
      [seconds],
    )) as Updated<unknown>;
    return rows.length;
  }

  /** Batches with approved messages whose time has come (the reconciler queues them again). */
  async batchesDue(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT b.id::text FROM mail_batches b JOIN mail_messages m ON m.batch_id = b.id
        WHERE m.status = 'approved' AND (b.send_after IS NULL OR b.send_after <= now())`,
    );
    return rows.map((r) => r.id);
  }

  /** Puts an unsent or refused message back to approved, approved again by `by`. */
  async resend(id: string, by: string): Promise<{ batchId: string } | null> {
    const [[row]] = (await this.dataSource.query(
      `UPDATE mail_messages SET status = 'approved', approved_by = $2, approved_at = now(),
              reason = NULL, sending_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('unsent', 'bounced')
       RETURNING batch_id::text AS "batchId"`,
      [id, by],
    )) as Updated<{ batchId: string }>;
    return row ?? null;
  }

  // ── recipients' flags ──

  async flags(dossierId: string): Promise<RecipientFlags | null> {
    const [row] = await this.dataSource.query(
      `SELECT d.id::text AS "dossierId", f.bad_address AS "badAddress", f.bad_reason AS "badReason",
              f.bad_at AS "badAt", coalesce(f.do_not_mail, false) AS "doNotMail",
              f.do_not_mail_reason AS "doNotMailReason", f.updated_by AS "updatedBy",
              f.updated_at AS "updatedAt", coalesce(r.applicant->>'email', '') AS email,
              (f.bad_address IS NOT NULL AND lower(f.bad_address) = lower(coalesce(r.applicant->>'email', ''))) AS "badIsCurrent"
         FROM dossiers d ${CURRENT_REVISION}
         LEFT JOIN mail_recipient_flags f ON f.dossier_id = d.id
        WHERE d.id = $1`,
      [dossierId],
    );
    return row ?? null;
  }

  async setDoNotMail(
    dossierId: string,
    doNotMail: boolean,
    reason: string | null,
    by: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_recipient_flags (dossier_id, do_not_mail, do_not_mail_reason, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (dossier_id) DO UPDATE SET do_not_mail = $2, do_not_mail_reason = $3,
                                              updated_by = $4, updated_at = now()`,
      [dossierId, doNotMail, doNotMail ? reason : null, by],
    );
  }

  async clearBadAddress(dossierId: string, by: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_recipient_flags SET bad_address = NULL, bad_reason = NULL, bad_at = NULL,
              updated_by = $2, updated_at = now() WHERE dossier_id = $1`,
      [dossierId, by],
    );
  }
}

function withTitle(row: Omit<BatchRow, 'title'>): BatchRow {
  return { ...row, title: MAIL_KIND_TITLES[row.kind] };
}
