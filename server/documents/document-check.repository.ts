import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DocumentCheckRow, DocumentStatus } from './document.views.js';

const COLUMNS = `rule, nullif(ref, '') AS ref, status, note, revision, checked_by AS "checkedBy",
                 checked_at AS "checkedAt"`;
/** checked_at as the console saw it: JSON carries milliseconds, PostgreSQL microseconds. */
const SAME_TIME = `date_trunc('milliseconds', checked_at)`;

/** The marks people gave a dossier's paper documents. */
@Injectable()
export class DocumentCheckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(dossierId: string): Promise<DocumentCheckRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM document_checks WHERE dossier_id = $1 ORDER BY rule, ref`,
      [dossierId],
    );
  }

  async find(
    dossierId: string,
    rule: string,
    ref: string | null,
  ): Promise<DocumentCheckRow | null> {
    const rows: DocumentCheckRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM document_checks WHERE dossier_id = $1 AND rule = $2 AND ref = $3`,
      [dossierId, rule, ref ?? ''],
    );
    return rows[0] ?? null;
  }

  /**
   * Saves the mark. `expected` is the mark the caller saw: undefined (no check), null (none) or
   * its checkedAt; when another was saved meanwhile nothing is written and null is returned.
   */
  async save(
    dossierId: string,
    mark: { rule: string; ref: string | null; status: DocumentStatus; note: string | null },
    revision: number,
    by: string,
    expected: string | null | undefined,
  ): Promise<DocumentCheckRow | null> {
    const params = [dossierId, mark.rule, mark.ref ?? '', mark.status, mark.note, revision, by];
    if (typeof expected === 'string') {
      const [rows] = (await this.dataSource.query(
        `UPDATE document_checks
            SET status = $4, note = $5, revision = $6, checked_by = $7, checked_at = now()
          WHERE dossier_id = $1 AND rule = $2 AND ref = $3 AND ${SAME_TIME} = $8::timestamptz
          RETURNING ${COLUMNS}`,
        [...params, expected],
      )) as [DocumentCheckRow[], number];
      return rows[0] ?? null;
    }
    const rows: DocumentCheckRow[] = await this.dataSource.query(
      `INSERT INTO document_checks (dossier_id, rule, ref, status, note, revision, checked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dossier_id, rule, ref) DO ${
         expected === null
           ? 'NOTHING'
           : `UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
                revision = EXCLUDED.revision, checked_by = EXCLUDED.checked_by, checked_at = now()`
       }
       RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Removes the mark (only the one saved at `expected`, when given): pending again. */
  async remove(
    dossierId: string,
    rule: string,
    ref: string | null,
    expected: string | undefined,
  ): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM document_checks WHERE dossier_id = $1 AND rule = $2 AND ref = $3
          AND ($4::timestamptz IS NULL OR ${SAME_TIME} = $4::timestamptz)`,
      [dossierId, rule, ref ?? '', expected ?? null],
    )) as [unknown, number];
    return affected > 0;
  }

  /**
   * Whether the dossier's check results are those of its inputs now (after an envelope's
   * reading the checks run again: until then the proposals are the earlier ones).
   */
  async checksCurrent(dossierId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT checked_version >= inputs_version AS current FROM dossiers WHERE id = $1`,
      [dossierId],
    );
    return row?.current === true;
  }
}
