import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ListQueryError, type ListQuery } from '../common/list-query.js';
import { latestReleasedDecisionOf } from '../decisions/decision-sql.js';
import {
  ADDRESS_CHANGES,
  CURRENT_REVISION,
  isFailingDocument,
  NAME,
  PAYMENTS,
} from '../dossiers/dossier-projection.js';
import type { DispatchFacts } from './mailing-lists.js';
import type { DispatchRow } from './mailing.views.js';
import { MAIL_REACH_COLUMNS } from '../outbox/mail-recipients.js';

/** Reads a round's dossiers for the lists, a batch at a time, inside one snapshot. */
export interface FactsReader {
  /** Dossiers of the round (progress: how many will be read). */
  count(roundId: string): Promise<number>;
  /** The dossiers in 認定番号 order, `size` at a time (memory stays flat however many). */
  batches(roundId: string, size?: number): AsyncGenerator<DispatchFacts[]>;
}

/**
 * A mailing to record: what it is, when, and the address it went to; `after`, the latest
 * mailing of its kind to this applicant when the lists were read (null: none).
 */
export type NewDispatch = { after: string | null } & Pick<
  DispatchRow,
  | 'roundId'
  | 'certNo'
  | 'kind'
  | 'sentOn'
  | 'trackingNo'
  | 'postalCode'
  | 'prefecture'
  | 'address'
  | 'recipient'
  | 'recordedBy'
>;

export const DISPATCH_SORTABLE = ['sentOn', 'certNo', 'returnedOn'] as const;
export type DispatchSortField = (typeof DISPATCH_SORTABLE)[number];

/**
 * A dossier as the lists read it: the columns of dossier-projection.ts, the latest released
 * decision, and what only the lists read (the certificate's number, the latest mailing of each kind).
 */
const FACTS = `
  SELECT d.cert_no AS "certNo", ${NAME} AS name, r.applicant,
         x.decision, coalesce(x.reason_codes, '{}') AS "reasonCodes",
         ${PAYMENTS} AS payments, ${ADDRESS_CHANGES} AS "addressChanges",
         coalesce((SELECT json_agg(e->>'message')
                     FROM check_results c, jsonb_array_elements(c.results) e
                    WHERE c.dossier_id = d.id AND ${isFailingDocument('e')}), '[]') AS deficiencies,
         (SELECT c.certificate_no FROM certificates c
           WHERE c.round_id = d.round_id AND c.cert_no = d.cert_no) AS "certificateNo",
         coalesce((SELECT json_object_agg(l.kind, json_build_object('id', l.id::text, 'sentOn', l.sent_on,
                                          'postalCode', l.postal_code, 'address', l.address,
                                          'returnedOn', l.returned_on))
                     FROM (SELECT DISTINCT ON (kind) * FROM dispatches s
                            WHERE s.round_id = d.round_id AND s.cert_no = d.cert_no
                            ORDER BY kind, id DESC) l), '{}') AS dispatches,
         ${MAIL_REACH_COLUMNS}
    FROM dossiers d ${CURRENT_REVISION}
    LEFT JOIN LATERAL ${latestReleasedDecisionOf('d.id')} x ON true`;

type FactsRow = Omit<DispatchFacts, 'payments' | 'addressChanges'> & {
  payments: { paidAt: string }[];
  addressChanges: { receivedAt: string }[];
};

/** JSON writes timestamps with their offset; the rules compare ISO instants. */
function toFacts(row: FactsRow): DispatchFacts {
  return {
    ...row,
    payments: row.payments.map((p) => ({ ...p, paidAt: new Date(p.paidAt).toISOString() })),
    addressChanges: row.addressChanges.map((c) => ({
      ...c,
      receivedAt: new Date(c.receivedAt).toISOString(),
    })),
  } as DispatchFacts;
}

const DISPATCH_COLUMNS = `
  s.id::text, s.round_id AS "roundId", s.cert_no AS "certNo",
  ${NAME} AS name, d.id::text AS "dossierId", s.kind,
  to_char(s.sent_on, 'YYYY-MM-DD') AS "sentOn", s.tracking_no AS "trackingNo",
  s.postal_code AS "postalCode", s.prefecture, s.address, s.recipient,
  s.recorded_by AS "recordedBy", s.recorded_at AS "recordedAt",
  to_char(s.returned_on, 'YYYY-MM-DD') AS "returnedOn", s.return_reason AS "returnReason",
  s.returned_by AS "returnedBy"`;

/** What the mailing lists read of a round, the certificates given and the mailings recorded. */
@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The facts of some dossiers of a round (by 認定番号), or all of them. */
  async facts(roundId: string, certNos?: readonly string[]): Promise<DispatchFacts[]> {
    const rows: FactsRow[] = await this.dataSource.query(
      `${FACTS} WHERE d.round_id = $1 ${certNos ? 'AND d.cert_no = ANY($2)' : ''} ORDER BY d.cert_no`,
      certNos ? [roundId, certNos] : [roundId],
    );
    return rows.map(toFacts);
  }

  /**
   * Runs `work` reading from one snapshot of the database (REPEATABLE READ, read only): a list's
   * summary and its rows, read in two passes, agree even while people keep working.
   */
  async inSnapshot<T>(work: (reader: FactsReader) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const reader = this.readerOn(runner.manager);
      try {
        const result = await work(reader);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK');
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** A reader outside any snapshot (each batch sees the latest committed data). */
  reader(): FactsReader {
    return this.readerOn(this.dataSource.manager);
  }

  private readerOn(manager: EntityManager): FactsReader {
    return {
      async count(roundId) {
        const [{ n }] = await manager.query(
          `SELECT count(*)::int AS n FROM dossiers WHERE round_id = $1`,
          [roundId],
        );
        return n;
      },
      async *batches(roundId, size = 500) {
        let after = '';
        for (;;) {
          const rows: FactsRow[] = await manager.query(
            `${FACTS} WHERE d.round_id = $1 AND d.cert_no > $2 ORDER BY d.cert_no LIMIT $3`,
            [roundId, after, size],
          );
          if (rows.length === 0) return;
          yield rows.map(toFacts);
          if (rows.length < size) return;
          after = rows[rows.length - 1].certNo;
        }
      },
    };
  }

  async dossierKey(id: string): Promise<{ roundId: string; certNo: string } | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT round_id AS "roundId", cert_no AS "certNo" FROM dossiers WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  // ── certificates ──

  /**
   * Gives the next certificate numbers (`<year of renewal>-00001`…) to those of `certNos`
   * without one, in the order given; one round's numbering is serialised by an advisory lock.
   * Returns the numbers given now (none for a certificate numbered meanwhile by someone else).
   */
  async issueCertificates(
    roundId: string,
    certNos: readonly string[],
    dates: { renewalDate: string; validUntil: string },
    issuedBy: string,
  ): Promise<{ certNo: string; certificateNo: string }[]> {
    if (certNos.length === 0) return [];
    const prefix = `${dates.renewalDate.slice(0, 4)}-`;
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `shinsa.certificates.${roundId}`,
      ]);
      const issued: { certNo: string; certificateNo: string }[] = await tx.query(
        `WITH last AS (
           SELECT coalesce(max(substring(certificate_no FROM '[0-9]+$')::int), 0) AS n
             FROM certificates WHERE round_id = $1),
         wanted AS (
           SELECT w.cert_no, w.ord FROM unnest($2::text[]) WITH ORDINALITY w(cert_no, ord)
            WHERE NOT EXISTS (SELECT 1 FROM certificates c WHERE c.round_id = $1 AND c.cert_no = w.cert_no))
         INSERT INTO certificates (round_id, cert_no, certificate_no, renewal_date, valid_until, issued_by)
         SELECT $1, w.cert_no, $3 || lpad((last.n + row_number() OVER (ORDER BY w.ord))::text, 5, '0'),
                $4, $5, $6
           FROM wanted w, last
         RETURNING cert_no AS "certNo", certificate_no AS "certificateNo"`,
        [roundId, certNos, prefix, dates.renewalDate, dates.validUntil, issuedBy],
      );
      return issued.sort((a, b) => a.certificateNo.localeCompare(b.certificateNo));
    });
  }

  // ── mailings ──

  /**
   * Records mailings, each only if no other of its kind was recorded for its applicant since
   * `after` was read: two people recording the same list at once record each envelope once
   * (one round's recording is serialised by an advisory lock). Returns the 認定番号 recorded.
   */
  async recordDispatches(rows: readonly NewDispatch[]): Promise<string[]> {
    if (rows.length === 0) return [];
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `shinsa.dispatches.${rows[0].roundId}`,
      ]);
      const recorded: { certNo: string }[] = await tx.query(
        `INSERT INTO dispatches (round_id, cert_no, kind, sent_on, tracking_no, postal_code,
                                 prefecture, address, recipient, recorded_by)
         SELECT x."roundId", x."certNo", x.kind, x."sentOn", x."trackingNo", x."postalCode",
                x.prefecture, x.address, x.recipient, x."recordedBy"
           FROM jsonb_to_recordset($1::jsonb) AS x(
             "roundId" varchar, "certNo" text, kind varchar, "sentOn" date, "trackingNo" text,
             "postalCode" text, prefecture text, address text, recipient text,
             "recordedBy" varchar, after bigint)
          WHERE (SELECT max(s.id) FROM dispatches s
                  WHERE s.round_id = x."roundId" AND s.cert_no = x."certNo" AND s.kind = x.kind)
                IS NOT DISTINCT FROM x.after
         RETURNING cert_no AS "certNo"`,
        [JSON.stringify(rows)],
      );
      return recorded.map((r) => r.certNo);
    });
  }

  async list(query: ListQuery<DispatchSortField>): Promise<[DispatchRow[], number]> {
    const f = query.filter;
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (typeof f.roundId === 'string' && f.roundId) where.push(`s.round_id = ${bind(f.roundId)}`);
    if (typeof f.certNo === 'string' && f.certNo) where.push(`s.cert_no = ${bind(f.certNo)}`);
    if (typeof f.dossierId === 'string' && f.dossierId) {
      where.push(`d.id = ${bind(f.dossierId)}::bigint`);
    }
    if (f.kind !== undefined && f.kind !== '') {
      if (f.kind !== 'results' && f.kind !== 'certificates') {
        throw new ListQueryError(
          'filter',
          `郵送物「${String(f.kind)}」はありません。使える値: results, certificates`,
        );
      }
      where.push(`s.kind = ${bind(f.kind)}`);
    }
    if (f.returned === true || f.returned === 'true') where.push(`s.returned_on IS NOT NULL`);
    if (typeof f.sentOn === 'string' && f.sentOn) where.push(`s.sent_on = ${bind(f.sentOn)}::date`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM dispatches s
      LEFT JOIN dossiers d ON d.round_id = s.round_id AND d.cert_no = s.cert_no ${clause}`;
    const sort = { sentOn: 's.sent_on', certNo: 's.cert_no', returnedOn: 's.returned_on' };
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${DISPATCH_COLUMNS} ${from}
          ORDER BY ${sort[query.sortField]} ${query.sortOrder} NULLS LAST, s.id DESC
          LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n ${from}`, params),
    ]);
    return [rows, n];
  }

  async find(id: string): Promise<DispatchRow | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT ${DISPATCH_COLUMNS} FROM dispatches s
         LEFT JOIN dossiers d ON d.round_id = s.round_id AND d.cert_no = s.cert_no
        WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Changes the tracking no. and the return of one mailing. */
  async update(
    id: string,
    patch: {
      trackingNo: string;
      returnedOn: string | null;
      returnReason: string | null;
      returnedBy: string | null;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE dispatches SET tracking_no = $2, returned_on = $3, return_reason = $4, returned_by = $5
        WHERE id = $1`,
      [id, patch.trackingNo, patch.returnedOn, patch.returnReason, patch.returnedBy],
    );
  }
}
