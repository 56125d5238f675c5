import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ItemOverrideRow {
  id: string;
  ref: string;
  accepted: boolean;
  reason: string;
  revision: number;
  decidedBy: string;
  decidedAt: Date;
}

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

  async upsert(
    dossierId: string,
    values: { ref: string; accepted: boolean; reason: string; revision: number; decidedBy: string },
  ): Promise<ItemOverrideRow> {
    const rows: ItemOverrideRow[] = await this.dataSource.query(
      `INSERT INTO item_overrides (dossier_id, ref, accepted, reason, revision, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dossier_id, ref) DO UPDATE
         SET accepted = EXCLUDED.accepted, reason = EXCLUDED.reason, revision = EXCLUDED.revision,
             decided_by = EXCLUDED.decided_by, decided_at = now()
       RETURNING ${COLUMNS}`,
      [dossierId, values.ref, values.accepted, values.reason, values.revision, values.decidedBy],
    );
    return rows[0];
  }

  async delete(dossierId: string, ref: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM item_overrides WHERE dossier_id = $1 AND ref = $2`,
      [dossierId, ref],
    )) as [unknown, number];
    return affected > 0;
  }
}
