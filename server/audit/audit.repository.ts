import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseDay } from '../common/japan-time.js';
import { filterId, ListQueryError, type ListQuery } from '../common/list-query.js';
import { searchTextMatches } from '../dossiers/dossier-search.js';
import { AUDIT_READS, type AuditEvent, type AuditRow } from './audit.views.js';

export const AUDIT_SORTABLE = ['at', 'actor', 'action', 'entity'] as const;
export type AuditSortField = (typeof AUDIT_SORTABLE)[number];

const COLUMNS = `e.id::text AS id, e.at, e.actor, e.action, e.entity, e.entity_id AS "entityId",
                 e.round_id AS "roundId", e.cert_no AS "certNo", e.before, e.after, e.ip`;

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A date or date and time PostgreSQL reads as timestamptz, with a day the month has. */
function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  const date = new Date(Date.UTC(year, month - 1, day));
  const dayExists = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return dayExists && +(m[4] ?? 0) < 24 && +(m[5] ?? 0) < 60 && +(m[6] ?? 0) < 60 && year >= 1;
}

/** An event's columns, in the order the INSERTs name them. */
function valuesOf(event: AuditEvent): unknown[] {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return [
    event.actor.slice(0, 80),
    event.action,
    event.entity,
    event.entityId ?? null,
    event.roundId ?? null,
    event.certNo ?? null,
    json(event.before),
    json(event.after),
    event.ip ?? null,
  ];
}

/** The append-only audit trail (the table refuses UPDATE and DELETE). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(event: AuditEvent): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events (actor, action, entity, entity_id, round_id, cert_no, before, after, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      valuesOf(event),
    );
  }

  /**
   * Appends the event unless the same one (actor, action, what, details) was appended in the
   * last `windowSeconds`; serialised per event, so requests at once append it once.
   */
  async appendUnlessRecent(event: AuditEvent, windowSeconds: number): Promise<boolean> {
    const values = valuesOf(event);
    const key = JSON.stringify(['audit-read', ...values.slice(0, 4), values[7]]);
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO audit_events (actor, action, entity, entity_id, round_id, cert_no, before, after, ip)
         SELECT $1::varchar, $2::varchar, $3::varchar, $4::text, $5::varchar, $6::text, $7::jsonb,
                $8::jsonb, $9::varchar
          WHERE NOT EXISTS (
                SELECT 1 FROM audit_events
                 WHERE at > now() - make_interval(secs => $10::float8) AND actor = $1::varchar
                   AND action = $2::varchar AND entity = $3::varchar
                   AND entity_id IS NOT DISTINCT FROM $4::text AND after IS NOT DISTINCT FROM $8::jsonb)
         RETURNING id`,
        [...values, windowSeconds],
      );
      return inserted.length > 0;
    });
  }

  /** Many events in few statements (a bulk assignment records one per dossier). */
  async appendMany(events: readonly AuditEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 2000) {
      const rows = events.slice(i, i + 2000).map(valuesOf);
      await this.dataSource.query(
        `INSERT INTO audit_events (actor, action, entity, entity_id, round_id, cert_no, before, after, ip)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[],
                              $6::text[], $7::jsonb[], $8::jsonb[], $9::varchar[])`,
        rows[0].map((_, column) => rows.map((row) => row[column])),
      );
    }
  }

  private where(filter: Record<string, unknown>): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const parts: string[] = [];
    for (const [key, column] of [
      ['actor', 'actor'],
      ['action', 'action'],
      ['entity', 'entity'],
      ['roundId', 'round_id'],
      ['certNo', 'cert_no'],
    ] as const) {
      if (typeof filter[key] === 'string' && filter[key]) {
        params.push(filter[key]);
        parts.push(`${column} = $${params.length}`);
      }
    }
    for (const [key, operator] of [
      ['since', '>='],
      ['until', '<'],
    ] as const) {
      const value = filter[key];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string' || !isTimestamp(value)) {
        throw new ListQueryError(
          'filter',
          `filter の ${key} が日時として読めません: ${JSON.stringify(value).slice(0, 80)}。2026-04-01 や 2026-04-01T09:00:00+09:00 の形式で指定してください`,
        );
      }
      params.push(value);
      parts.push(`at ${operator} $${params.length}::timestamptz`);
    }
    if (typeof filter.q === 'string' && filter.q.trim()) {
      params.push(`%${filter.q.trim()}%`);
      const p = `$${params.length}`;
      parts.push(`(actor ILIKE ${p} OR action ILIKE ${p} OR entity_id ILIKE ${p} OR cert_no ILIKE ${p}
                  OR before::text ILIKE ${p} OR after::text ILIKE ${p})`);
    }
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // A dossier by its 認定番号 or its applicant's name, as the dossier list's search finds it.
    if (typeof filter.dossier === 'string' && filter.dossier.trim()) {
      const matches = searchTextMatches('d', filter.dossier, bind);
      if (matches.length > 0) {
        parts.push(`(round_id, cert_no) IN (SELECT d.round_id, d.cert_no FROM dossiers d
                                             WHERE ${matches.join(' AND ')})`);
      }
    }
    // Who, picked from the accounts (the console's filter names the account by its id).
    const actorId = filterId(filter, 'actorId');
    if (actorId) parts.push(`actor = (SELECT login FROM users WHERE id = ${bind(actorId)}::int)`);
    // The log of changes alone: no reads at all.
    if (filter.reads === 'none') parts.push(`action <> ALL(${bind(AUDIT_READS)}::varchar[])`);
    const dossierId = filterId(filter, 'dossierId');
    if (dossierId) {
      parts.push(`(round_id, cert_no) IN (SELECT d.round_id, d.cert_no FROM dossiers d
                                           WHERE d.id = ${bind(dossierId)}::bigint)`);
    }
    // Days of the calendar in Japan, both included: what the console's date fields mean.
    for (const [key, bound] of [
      ['from', (p: string) => `at >= (${p}::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`],
      ['to', (p: string) => `at < (${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`],
    ] as const) {
      const value = filter[key];
      if (value === undefined || value === null || value === '') continue;
      const day = parseDay(value);
      if (!day) {
        throw new ListQueryError(
          'filter',
          `filter の ${key} が日付として読めません: ${JSON.stringify(value).slice(0, 80)}。2026-04-01 の形式で指定してください`,
        );
      }
      parts.push(bound(bind(day)));
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  /**
   * A page of the events of a query, newest first by default. `reads: "none"` leaves reads out;
   * unless the filter asks for `reads: "each"`, a run of reads (AUDIT_READS) by one person of
   * one dossier with no other event of that dossier between them is one row, its latest, with
   * `views` saying how many from when: the log of a dossier then shows its changes, not a
   * screen of views. The runs are found in SQL (a running count of the dossier's other events
   * numbers them), so paging and the total count rows as shown.
   */
  async list(query: ListQuery<AuditSortField>): Promise<{ rows: AuditRow[]; total: number }> {
    const { sql, params } = this.where(query.filter);
    const order = `${query.sortField === 'at' ? 'e.at' : `e.${query.sortField}`} ${query.sortOrder}, e.id ${query.sortOrder}`;
    // Without reads (`none`, the console's default) there is nothing to collapse.
    if (query.filter.reads === 'each' || query.filter.reads === 'none') {
      const [{ total }] = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM audit_events ${sql}`,
        params,
      );
      const rows = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_events e ${sql} ORDER BY ${order}
          OFFSET ${query.offset} LIMIT ${query.limit}`,
        params,
      );
      return { rows, total };
    }
    params.push(AUDIT_READS);
    const reads = `$${params.length}::varchar[]`;
    const runs = `
      WITH marked AS (
        SELECT id, at, actor, round_id, cert_no, action, action = ANY(${reads}) AS is_read,
               count(*) FILTER (WHERE action <> ALL(${reads}))
                 OVER (PARTITION BY round_id, cert_no ORDER BY at, id) AS run
          FROM audit_events ${sql}
      ), grouped AS (
        SELECT max(id) AS id, count(*)::int AS count, min(at) AS first_at, max(at) AS at,
               array_agg(DISTINCT action ORDER BY action) AS actions
          FROM marked
         GROUP BY CASE WHEN is_read THEN NULL ELSE id END, CASE WHEN is_read THEN actor END,
                  round_id, cert_no, CASE WHEN is_read THEN run END
      )`;
    // The runs are found once for the page and its total (a count over the groups); sorted by
    // time, the page is cut from the groups before any row is read back.
    const o = query.sortOrder;
    const byTime = query.sortField === 'at';
    const pageOrder = byTime ? `g.at ${o}, g.id ${o}` : `e.${query.sortField} ${o}, g.id ${o}`;
    const rows: (AuditRow & { count: number; firstAt: Date; actions: string[]; total: number })[] =
      await this.dataSource.query(
        `${runs}, page AS (
           SELECT g.*, count(*) OVER ()::int AS total
             FROM grouped g ${byTime ? '' : 'JOIN audit_events e ON e.id = g.id'}
            ORDER BY ${pageOrder} OFFSET ${query.offset} LIMIT ${query.limit}
         )
         SELECT ${COLUMNS}, g.count, g.first_at AS "firstAt", g.actions, g.total
           FROM page g JOIN audit_events e ON e.id = g.id
          ORDER BY ${pageOrder}`,
        params,
      );
    const total =
      rows[0]?.total ??
      (await this.dataSource.query(`${runs} SELECT count(*)::int AS total FROM grouped`, params))[0]
        .total;
    return {
      rows: rows.map(({ count, firstAt, actions, total: _, ...row }) => ({
        ...row,
        views: count > 1 ? { count, firstAt, actions } : null,
      })),
      total,
    };
  }

  /** Every event of a filter, oldest first, in pages: for the export, with no row cap. */
  async *stream(filter: Record<string, unknown>, pageSize = 5000): AsyncGenerator<AuditRow[]> {
    const { sql, params } = this.where(filter);
    let after = '0';
    for (;;) {
      params.push(after);
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_events e ${sql ? `${sql} AND` : 'WHERE'} id > $${params.length}::bigint
          ORDER BY id LIMIT ${pageSize}`,
        params,
      );
      params.pop();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].id;
    }
  }
}
