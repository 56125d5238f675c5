import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApplicantForm } from '../dossiers/dossier-forms.js';
import {
  ADDRESS_CHANGES,
  CURRENT_REVISION,
  isFailingDocument,
  NAME,
} from '../dossiers/dossier-projection.js';
import type { AddressChangeFacts } from '../mailings/mailing-lists.js';
import { MAIL_REACH_COLUMNS, type MailReach } from '../outbox/mail-recipients.js';
import type { NoticeItem, NoticeRow } from './document.views.js';

/** A notice with what a letter or an e-mail needs. */
export interface NoticeLetterRow extends NoticeRow, MailReach {
  applicant: ApplicantForm & { email?: string };
  /** The change-of-address notices received. */
  addressChanges: AddressChangeFacts[];
}

export const NOTICE_SORTABLE = ['issuedAt', 'certNo', 'resubmitBy'] as const;
export type NoticeSortField = (typeof NOTICE_SORTABLE)[number];

const COLUMNS = `n.id::text AS id, n.round_id AS "roundId", n.dossier_id::text AS "dossierId",
  d.cert_no AS "certNo", ${NAME} AS name, n.items,
  to_char(n.resubmit_by, 'YYYY-MM-DD') AS "resubmitBy", n.issued_by AS "issuedBy", n.issued_at AS "issuedAt"`;

/** Deficiency notices and the documents they are made of. */
@Injectable()
export class DeficiencyNoticeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The round's dossiers (or these) with documents that fail now (a person marked them missing
   * or insufficient and no later envelope re-opened them), with those results, and the items
   * of their latest notice.
   */
  async deficient(
    roundId: string,
    dossierIds: string[] | null,
  ): Promise<
    { dossierId: string; certNo: string; items: NoticeItem[]; lastItems: NoticeItem[] | null }[]
  > {
    return this.dataSource.query(
      `SELECT d.id::text AS "dossierId", d.cert_no AS "certNo",
              (SELECT jsonb_agg(jsonb_build_object('rule', e->>'rule', 'ref', e->'ref', 'message', e->>'message'))
                 FROM jsonb_array_elements(c.results) e
                WHERE ${isFailingDocument('e')}) AS items,
              (SELECT n.items FROM deficiency_notices n WHERE n.dossier_id = d.id
                ORDER BY n.issued_at DESC, n.id DESC LIMIT 1) AS "lastItems"
         FROM dossiers d JOIN check_results c ON c.dossier_id = d.id
        WHERE d.round_id = $1 AND ($2::bigint[] IS NULL OR d.id = ANY($2::bigint[]))
          AND EXISTS (SELECT 1 FROM jsonb_each_text(c.outcomes) o WHERE o.key LIKE 'doc.%' AND o.value = 'fail')
        ORDER BY d.cert_no`,
      [roundId, dossierIds],
    );
  }

  async insertMany(
    roundId: string,
    notices: { dossierId: string; items: NoticeItem[] }[],
    resubmitBy: string,
    by: string,
  ): Promise<NoticeRow[]> {
    if (notices.length === 0) return [];
    return this.dataSource.query(
      `WITH n AS (
         INSERT INTO deficiency_notices (round_id, dossier_id, items, resubmit_by, issued_by)
         SELECT $1, x.dossier_id, x.items, $4, $5
           FROM unnest($2::bigint[], $3::jsonb[]) AS x(dossier_id, items)
         RETURNING *)
       SELECT ${COLUMNS} FROM n JOIN dossiers d ON d.id = n.dossier_id ORDER BY d.cert_no`,
      [
        roundId,
        notices.map((n) => n.dossierId),
        notices.map((n) => JSON.stringify(n.items)),
        resubmitBy,
        by,
      ],
    );
  }

  private where(filter: Record<string, unknown>): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const parts: string[] = [];
    if (typeof filter.roundId === 'string' && filter.roundId) {
      params.push(filter.roundId);
      parts.push(`n.round_id = $${params.length}`);
    }
    if (typeof filter.dossierId === 'string' && /^\d{1,18}$/.test(filter.dossierId)) {
      params.push(filter.dossierId);
      parts.push(`n.dossier_id = $${params.length}`);
    }
    if (typeof filter.issuedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(filter.issuedOn)) {
      params.push(filter.issuedOn);
      parts.push(`(n.issued_at AT TIME ZONE 'Asia/Tokyo')::date = $${params.length}::date`);
    }
    if (typeof filter.q === 'string' && filter.q.trim()) {
      params.push(filter.q.trim());
      parts.push(`d.cert_no = $${params.length}`);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  async list(
    filter: Record<string, unknown>,
    sort: { field: NoticeSortField; order: 'ASC' | 'DESC' },
    offset: number,
    limit: number,
  ): Promise<[NoticeRow[], number]> {
    const { sql, params } = this.where(filter);
    const by = { issuedAt: 'n.issued_at', certNo: 'd.cert_no', resubmitBy: 'n.resubmit_by' };
    const from = `deficiency_notices n JOIN dossiers d ON d.id = n.dossier_id ${sql}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM ${from}
          ORDER BY ${by[sort.field]} ${sort.order}, n.id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, params),
    ]);
    return [rows, total];
  }

  /** The notices of a filter with the applicant's form and change-of-address notices. */
  letters(filter: Record<string, unknown>): Promise<NoticeLetterRow[]> {
    const { sql, params } = this.where(filter);
    return this.dataSource.query(
      `SELECT ${COLUMNS}, r.applicant, ${ADDRESS_CHANGES} AS "addressChanges", ${MAIL_REACH_COLUMNS}
         FROM deficiency_notices n JOIN dossiers d ON d.id = n.dossier_id ${CURRENT_REVISION}
         ${sql}
        ORDER BY d.cert_no, n.issued_at`,
      params,
    );
  }
}
