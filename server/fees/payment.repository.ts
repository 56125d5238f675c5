import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { likeLiteral, ListQueryError, type ListQuery } from '../common/list-query.js';
import { RECONCILIATION, type PaymentRow, type PaymentTotals } from './payment.views.js';

export const PAYMENT_SORTABLE = ['paidAt', 'certNo', 'transactionId'] as const;
export type PaymentSortField = (typeof PAYMENT_SORTABLE)[number];

/**
 * Each payment with its reconciliation, in one pass: cancelled and refunded as the provider
 * says; unmatched when no dossier has its 認定番号; paid twice when the applicant has more than
 * one paid payment of the item (a refund is due); a wrong amount against the round's fee and
 * handling fee; matched otherwise.
 */
const RECONCILED = `
  SELECT p.round_id || ':' || p.transaction_id AS id, p.round_id AS "roundId",
         p.transaction_id AS "transactionId", p.cert_no AS "certNo",
         trim(d.family_name || ' ' || d.given_name) AS name, d.id::text AS "dossierId",
         p.item, p.amount, p.handling_fee AS "handlingFee", p.paid_at AS "paidAt", p.method,
         p.status, p.source,
         CASE WHEN p.status = '取消' THEN 'cancelled'
              WHEN p.status = '返金' THEN 'refunded'
              WHEN d.id IS NULL THEN 'unmatched'
              WHEN count(*) FILTER (WHERE p.status = '入金済')
                     OVER (PARTITION BY p.round_id, p.cert_no, p.item) > 1 THEN 'paidTwice'
              WHEN p.amount IS DISTINCT FROM (CASE p.item WHEN '更新審査料' THEN (r.fees->>'review')::int
                                                        ELSE (r.fees->>'certification')::int END)
                OR p.handling_fee IS DISTINCT FROM (r.fees->>'handling')::int THEN 'wrongAmount'
              ELSE 'matched' END AS reconciliation
    FROM payments p
    JOIN rounds r ON r.id = p.round_id
    LEFT JOIN dossiers d ON d.round_id = p.round_id AND d.cert_no = p.cert_no`;

const PAYMENT_ORDER: Record<PaymentSortField, string> = {
  paidAt: '"paidAt"',
  certNo: '"certNo"',
  transactionId: '"transactionId"',
};

/** The list's filter as SQL over the reconciled payments; a value it cannot use is refused. */
function paymentWhere(f: Record<string, unknown>): { clause: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (typeof f.roundId === 'string' && f.roundId) where.push(`"roundId" = ${bind(f.roundId)}`);
  if (typeof f.item === 'string' && f.item) where.push(`item = ${bind(f.item)}`);
  if (f.reconciliation !== undefined && f.reconciliation !== '') {
    if (!(RECONCILIATION as readonly unknown[]).includes(f.reconciliation)) {
      throw new ListQueryError(
        'filter',
        `照合の絞り込み「${String(f.reconciliation)}」は使えません。使える値: ${RECONCILIATION.join(', ')}`,
      );
    }
    where.push(`reconciliation = ${bind(f.reconciliation)}`);
  }
  if (typeof f.q === 'string' && f.q.trim()) {
    const q = bind(likeLiteral(f.q.trim()));
    where.push(
      `("certNo" = ${q} OR "transactionId" ILIKE '%' || ${q} || '%' OR name ILIKE '%' || ${q} || '%')`,
    );
  }
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Payments of the provider's file and those entered by hand. */
@Injectable()
export class PaymentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListQuery<PaymentSortField>): Promise<[PaymentRow[], number]> {
    const { clause, params } = paymentWhere(query.filter);
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM (${RECONCILED}) x ${clause}
          ORDER BY ${PAYMENT_ORDER[query.sortField]} ${query.sortOrder}, id LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM (${RECONCILED}) x ${clause}`, params),
    ]);
    return [rows, n];
  }

  /**
   * Every payment the filter selects, for an export: a round holds two payments an applicant
   * at most in the ordinary case (a few thousand rows), so they are read at once.
   */
  all(filter: Record<string, unknown>): Promise<PaymentRow[]> {
    const { clause, params } = paymentWhere(filter);
    return this.dataSource.query(
      `SELECT * FROM (${RECONCILED}) x ${clause} ORDER BY "paidAt", id`,
      params,
    );
  }

  /** Per reconciliation and fee of a round: how many payments, and what they add up to. */
  summary(roundId: string): Promise<PaymentTotals[]> {
    return this.dataSource.query(
      `SELECT reconciliation, item, count(*)::int AS count,
              coalesce(sum(amount), 0)::int AS amount,
              coalesce(sum("handlingFee"), 0)::int AS "handlingFee"
         FROM (${RECONCILED}) x WHERE "roundId" = $1
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [roundId],
    );
  }

  /** Counts per reconciliation of a round, for the view's summary. */
  async counts(roundId: string): Promise<Record<string, number>> {
    const rows: { reconciliation: string; n: number }[] = await this.dataSource.query(
      `SELECT reconciliation, count(*)::int AS n FROM (${RECONCILED}) x WHERE "roundId" = $1 GROUP BY 1`,
      [roundId],
    );
    return Object.fromEntries(
      RECONCILIATION.map((r) => [r, rows.find((x) => x.reconciliation === r)?.n ?? 0]),
    );
  }

  async exists(roundId: string, transactionId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM payments WHERE round_id = $1 AND transaction_id = $2`,
      [roundId, transactionId],
    );
    return rows.length > 0;
  }

  async insertManual(p: {
    roundId: string;
    transactionId: string;
    certNo: string;
    item: string;
    amount: number;
    handlingFee: number;
    paidAt: string;
    method: string;
    status: string;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at,
                             method, status, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'manual')`,
      [
        p.roundId,
        p.transactionId,
        p.certNo,
        p.item,
        p.amount,
        p.handlingFee,
        p.paidAt,
        p.method,
        p.status,
      ],
    );
  }

  async find(roundId: string, transactionId: string): Promise<PaymentRow | null> {
    const rows: PaymentRow[] = await this.dataSource.query(
      `SELECT * FROM (${RECONCILED}) x WHERE "roundId" = $1 AND "transactionId" = $2`,
      [roundId, transactionId],
    );
    return rows[0] ?? null;
  }
}
