import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ItemOverrideRow } from './decision.views.js';

/** decided_at as the console saw it: JSON carries milliseconds, PostgreSQL keeps microseconds. */
const SAME_TIME = `date_trunc('milliseconds', decided_at)`;

const COLUMNS = `ref AS id, ref, accepted, reason, revision, decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** A reviewer's acceptance or rejection of single cases and attendances. */
@Injectable()
export class ItemOverrideRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(dossierId: string): Promise<ItemOverrideRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM item_overrides WHERE dossier_id = $1 ORDER BY ref`,
      [dossierId],
    );
  }

  async find(dossierId: string, ref: string): Promise<ItemOverrideRow | null> {
    const rows: ItemOverrideRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM item_overrides WHERE dossier_id = $1 AND ref = $2`,
      [dossierId, ref],
    );
    return rows[0] ?? null;
  }

  /**
   * Saves the item's override. `expected` is the override the caller saw: undefined (do not
   * check), null (none) or its decidedAt; when another was saved meanwhile nothing is written
   * and null is returned.
   */
  async upsert(
    dossierId: string,
    values: { ref: string; accepted: boolean; reason: string; revision: number; decidedBy: string },
    expected?: string | null,
  ): Promise<ItemOverrideRow | null> {
    const params = [
      dossierId,
      values.ref,
      values.accepted,
      values.reason,
      values.revision,
      values.decidedBy,
    ];
    if (expected === undefined || expected === null) {
      const rows: ItemOverrideRow[] = await this.dataSource.query(
        `INSERT INTO item_overrides (dossier_id, ref, accepted, reason, revision, decided_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (dossier_id, ref) DO ${
           expected === null
             ? 'NOTHING'
             : `UPDATE
           SET accepted = EXCLUDED.accepted, reason = EXCLUDED.reason, revision = EXCLUDED.revision,
               decided_by = EXCLUDED.decided_by, decided_at = now()`
         }
         RETURNING ${COLUMNS}`,
        params,
      );
      return rows[0] ?? null;
    }
    const [rows] = (await this.dataSource.query(
      `UPDATE item_overrides
          SET accepted = $3, reason = $4, revision = $5, decided_by = $6, decided_at = now()
        WHERE dossier_id = $1 AND ref = $2 AND ${SAME_TIME} = $7::timestamptz
        RETURNING ${COLUMNS}`,
      [...params, expected],
    )) as [ItemOverrideRow[], number];
    return rows[0] ?? null;
  }

  /** Removes the item's override (only the one saved at `expected`, when given). */
  async delete(dossierId: string, ref: string, expected?: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM item_overrides WHERE dossier_id = $1 AND ref = $2
          AND ($3::timestamptz IS NULL OR ${SAME_TIME} = $3::timestamptz)`,
      [dossierId, ref, expected ?? null],
    )) as [unknown, number];
    return affected > 0;
  }
}
