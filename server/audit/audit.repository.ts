import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '../common/list-query.js';
import type { AuditEvent, AuditRow } from './audit.views.js';

export const AUDIT_SORTABLE = ['at', 'actor', 'action', 'entity'] as const;
export type AuditSortField = (typeof AUDIT_SORTABLE)[number];

const COLUMNS = `id::text AS id, at, actor, action, entity, entity_id AS "entityId", round_id AS "roundId",
                 cert_no AS "certNo", before, after, ip`;

/** The append-only audit trail (the table refuses UPDATE and DELETE). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(event: AuditEvent): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events (actor, action, entity, entity_id, round_id, cert_no, before, after, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        event.actor.slice(0, 80),
        event.action,
        event.entity,
        event.entityId ?? null,
        event.roundId ?? null,
        event.certNo ?? null,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
        event.ip ?? null,
      ],
    );
  }

  /** Many events in few statements (a bulk assignment records one per dossier). */
  async appendMany(events: readonly AuditEvent[]): Promise<void> {
    const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    for (let i = 0; i < events.length; i += 2000) {
      const chunk = events.slice(i, i + 2000);
      await this.dataSource.query(
        `INSERT INTO audit_events (actor, action, entity, entity_id, round_id, cert_no, before, after, ip)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[],
                              $6::text[], $7::jsonb[], $8::jsonb[], $9::varchar[])`,
        [
          chunk.map((e) => e.actor.slice(0, 80)),
          chunk.map((e) => e.action),
          chunk.map((e) => e.entity),
          chunk.map((e) => e.entityId ?? null),
          chunk.map((e) => e.roundId ?? null),
          chunk.map((e) => e.certNo ?? null),
          chunk.map((e) => json(e.before)),
          chunk.map((e) => json(e.after)),
          chunk.map((e) => e.ip ?? null),
        ],
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
    if (typeof filter.since === 'string' && filter.since) {
      params.push(filter.since);
      parts.push(`at >= $${params.length}::timestamptz`);
    }
    if (typeof filter.until === 'string' && filter.until) {
      params.push(filter.until);
      parts.push(`at < $${params.length}::timestamptz`);
    }
    if (typeof filter.q === 'string' && filter.q.trim()) {
      params.push(`%${filter.q.trim()}%`);
      const p = `$${params.length}`;
      parts.push(`(actor ILIKE ${p} OR action ILIKE ${p} OR entity_id ILIKE ${p} OR cert_no ILIKE ${p}
                  OR before::text ILIKE ${p} OR after::text ILIKE ${p})`);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  async list(query: ListQuery<AuditSortField>): Promise<{ rows: AuditRow[]; total: number }> {
    const { sql, params } = this.where(query.filter);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_events ${sql}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_events ${sql}
        ORDER BY ${query.sortField === 'at' ? 'at' : query.sortField} ${query.sortOrder}, id ${query.sortOrder}
        OFFSET ${query.offset} LIMIT ${query.limit}`,
      params,
    );
    return { rows, total };
  }

  /** Every event of a filter, oldest first, in pages: for the export, with no row cap. */
  async *stream(filter: Record<string, unknown>, pageSize = 5000): AsyncGenerator<AuditRow[]> {
    const { sql, params } = this.where(filter);
    let after = '0';
    for (;;) {
      params.push(after);
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_events ${sql ? `${sql} AND` : 'WHERE'} id > $${params.length}::bigint
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
