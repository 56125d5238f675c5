import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListExportRow } from './mailing.views.js';

const COLUMNS = `id, round_id AS "roundId", list, format, encoding, pending_only AS "pendingOnly",
  layout, to_char(letter_date, 'YYYY-MM-DD') AS "letterDate",
  without_email_only AS "withoutEmailOnly", status, dossiers_done AS "dossiersDone", dossiers_total AS "dossiersTotal", rows,
  late_changes AS "lateChanges", unrepresentable, files, error, requested_by AS "requestedBy",
  requested_at AS "requestedAt", finished_at AS "finishedAt"`;

/** The exports requested in the console and run by the workers. */
@Injectable()
export class ListExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(row: {
    id: string;
    roundId: string;
    list: string;
    format: string;
    encoding: string;
    pendingOnly: boolean;
    layout: string;
    letterDate: string | null;
    withoutEmailOnly: boolean;
    requestedBy: string;
  }): Promise<ListExportRow> {
    const [created] = await this.dataSource.query(
      `INSERT INTO list_exports
         (id, round_id, list, format, encoding, pending_only, layout, letter_date,
          without_email_only, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [
        row.id,
        row.roundId,
        row.list,
        row.format,
        row.encoding,
        row.pendingOnly,
        row.layout,
        row.letterDate,
        row.withoutEmailOnly,
        row.requestedBy,
      ],
    );
    return created;
  }

  async find(id: string): Promise<ListExportRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM list_exports WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** The latest exports of a round (newest first), and how many there are. */
  async list(roundId: string, limit: number, offset: number): Promise<[ListExportRow[], number]> {
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM list_exports WHERE round_id = $1
          ORDER BY requested_at DESC, id LIMIT $2 OFFSET $3`,
        [roundId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM list_exports WHERE round_id = $1`, [
        roundId,
      ]),
    ]);
    return [rows, n];
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        ListExportRow,
        | 'status'
        | 'dossiersDone'
        | 'dossiersTotal'
        | 'rows'
        | 'lateChanges'
        | 'unrepresentable'
        | 'files'
        | 'error'
      >
    > & { finished?: boolean },
  ): Promise<void> {
    const columns: Record<string, string> = {
      status: 'status',
      dossiersDone: 'dossiers_done',
      dossiersTotal: 'dossiers_total',
      rows: 'rows',
      lateChanges: 'late_changes',
      unrepresentable: 'unrepresentable',
      files: 'files',
      error: 'error',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, column] of Object.entries(columns)) {
      const value = patch[key as keyof typeof patch];
      if (value === undefined) continue;
      params.push(Array.isArray(value) ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (patch.finished) sets.push('finished_at = now()');
    if (sets.length > 0) {
      await this.dataSource.query(
        `UPDATE list_exports SET ${sets.join(', ')} WHERE id = $1`,
        params,
      );
    }
  }

  /** Finished exports older than `before` whose files are still kept; marked expired. */
  async expire(before: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH expired AS (
         UPDATE list_exports SET status = 'expired'
          WHERE status IN ('done', 'failed') AND finished_at < $1 RETURNING id)
       SELECT id FROM expired`,
      [before],
    );
    return rows.map((r) => r.id);
  }
}
