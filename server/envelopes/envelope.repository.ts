import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { likeLiteral, type ListQuery } from '../common/list-query.js';
import { searchTextMatches } from '../dossiers/dossier-search.js';
import { scansOfEnvelope } from '../dossiers/dossier-projection.js';
import type { EnvelopeDetail, EnvelopeRow, EnvelopeValues } from './envelope.views.js';

export const ENVELOPE_SORTABLE = ['receiptNo', 'arrivedOn', 'certNo'] as const;
export type EnvelopeSortField = (typeof ENVELOPE_SORTABLE)[number];

const ENVELOPE_COLUMNS = `
  e.round_id || ':' || e.receipt_no AS id, e.round_id AS "roundId", e.receipt_no AS "receiptNo",
  to_char(e.arrived_on, 'YYYY-MM-DD') AS "arrivedOn", to_char(e.postmarked_on, 'YYYY-MM-DD') AS "postmarkedOn",
  e.mail_kind AS "mailKind", e.tracking_no AS "trackingNo", e.cert_no AS "certNo", e.note, e.source,
  d.id::text AS "dossierId", trim(d.family_name || ' ' || d.given_name) AS name,
  (SELECT count(*)::int FROM envelope_scans s WHERE s.round_id = e.round_id AND s.receipt_no = e.receipt_no) AS scans`;

/** $1–$8 of the envelope writes: round, 受付番号, then the values in column order. */
const envelopeParams = (roundId: string, receiptNo: string, v: EnvelopeValues) => [
  roundId,
  receiptNo,
  v.arrivedOn,
  v.postmarkedOn,
  v.mailKind,
  v.trackingNo,
  v.certNo,
  v.note,
];

/** Envelopes: the mail room's log and those registered in the console. */
@Injectable()
export class EnvelopeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Envelopes of a round: filters roundId, q (受付番号, 認定番号, 追跡番号, or the applicant as the
   * dossier list finds them: name, kana, workplace), unmatched.
   */
  async list(query: ListQuery<EnvelopeSortField>): Promise<[EnvelopeRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const f = query.filter;
    if (typeof f.roundId === 'string' && f.roundId) {
      params.push(f.roundId);
      where.push(`e.round_id = $${params.length}`);
    }
    if (f.unmatched === true || f.unmatched === 'true') where.push('d.id IS NULL');
    if (typeof f.q === 'string' && f.q.trim()) {
      params.push(likeLiteral(f.q.trim()));
      const p = `$${params.length}`;
      const byApplicant = searchTextMatches('d', f.q, (value) => {
        params.push(value);
        return `$${params.length}`;
      });
      where.push(
        `(e.receipt_no ILIKE '%' || ${p} || '%' OR e.cert_no = ${p} OR e.tracking_no = ${p}
          ${byApplicant.length ? `OR (${byApplicant.join(' AND ')})` : ''})`,
      );
    }
    const from = `envelopes e LEFT JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const sort = { receiptNo: 'e.receipt_no', arrivedOn: 'e.arrived_on', certNo: 'e.cert_no' };
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ENVELOPE_COLUMNS} FROM ${from}
          ORDER BY ${sort[query.sortField]} ${query.sortOrder}, e.receipt_no
          LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM ${from}`, params),
    ]);
    return [rows, n];
  }

  async find(roundId: string, receiptNo: string): Promise<EnvelopeDetail | null> {
    const rows: EnvelopeDetail[] = await this.dataSource.query(
      `SELECT ${ENVELOPE_COLUMNS}, ${scansOfEnvelope('e')} AS "scanFiles"
         FROM envelopes e LEFT JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
        WHERE e.round_id = $1 AND e.receipt_no = $2`,
      [roundId, receiptNo],
    );
    return rows[0] ?? null;
  }

  /**
   * Registers an envelope under the round's next 受付番号 (R<round>-NNNNNN, after the highest in
   * use, the mail room's included); the round's envelopes are locked meanwhile so two
   * registrations never take the same number.
   */
  async register(roundId: string, values: EnvelopeValues): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('envelopes:' || $1))`, [roundId]);
      const [{ next }] = await tx.query(
        `SELECT coalesce(max(substring(receipt_no FROM '-([0-9]+)$')::int), 0) + 1 AS next
           FROM envelopes WHERE round_id = $1 AND receipt_no ~ ('^R' || $1 || '-[0-9]+$')`,
        [roundId],
      );
      const receiptNo = `R${roundId}-${String(next).padStart(6, '0')}`;
      await tx.query(
        `INSERT INTO envelopes (round_id, receipt_no, arrived_on, postmarked_on, mail_kind, tracking_no,
                                cert_no, note, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'console')`,
        envelopeParams(roundId, receiptNo, values),
      );
      return receiptNo;
    });
  }

  async update(roundId: string, receiptNo: string, values: EnvelopeValues): Promise<void> {
    await this.dataSource.query(
      `UPDATE envelopes SET arrived_on = $3, postmarked_on = $4, mail_kind = $5, tracking_no = $6,
              cert_no = $7, note = $8, updated_at = now()
        WHERE round_id = $1 AND receipt_no = $2`,
      envelopeParams(roundId, receiptNo, values),
    );
  }
}
