import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PURGED_CASE_VALUES, PURGED_MESSAGE } from './case-retention.js';

/** What a round holds of its patients, or held before its purge. */
export interface PatientDataCounts {
  /** Dossiers with at least one case still holding patient details. */
  dossiers: number;
  /** Cases (over every revision) still holding age, sex or diagnoses. */
  cases: number;
  /** Check results of cases whose message or details quote them. */
  caseResults: number;
  /** Read case sheets whose text (OCR) is still kept. */
  sheetPages: number;
  /** Scanned files holding case sheets, still stored, and their bytes. */
  files: number;
  bytes: number;
}

export interface RetentionOfRound {
  renewalDate: string;
  years: number;
  purgedAt: Date | null;
  purgedBy: string | null;
}

/** A case as it is kept after the purge: its place and months, not its patient. */
const PURGED_CASE = `(c - 'itemOther') || '${JSON.stringify(PURGED_CASE_VALUES)}'::jsonb`;
const HOLDS_PATIENT = `${PURGED_CASE} <> c`;
const CASE_RESULT = `e->>'ref' LIKE 'case:%' AND (e->>'message' <> $2 OR e ? 'details')`;

/** The files of the round's read case sheets: the page's own file and its display copy. */
const SHEET_FILES = `
  SELECT DISTINCT f.sha256, f.media_type AS "mediaType", f.size
    FROM scan_pages p
    JOIN scan_files f ON f.sha256 IN (p.sha256, p.display_sha256)
   WHERE p.round_id = $1 AND p.kind = 'sheet'`;

@Injectable()
export class CaseRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async retentionOf(roundId: string): Promise<RetentionOfRound | null> {
    const [row] = await this.dataSource.query(
      `SELECT to_char(renewal_date, 'YYYY-MM-DD') AS "renewalDate", case_retention_years AS years,
              case_details_purged_at AS "purgedAt", case_details_purged_by AS "purgedBy"
         FROM rounds WHERE id = $1`,
      [roundId],
    );
    return row ?? null;
  }

  async setYears(roundId: string, years: number): Promise<void> {
    await this.dataSource.query(`UPDATE rounds SET case_retention_years = $2 WHERE id = $1`, [
      roundId,
      years,
    ]);
  }

  /** What a purge of the round would remove now (nothing, once it is done). */
  counts(
    roundId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PatientDataCounts> {
    return manager
      .query(
        `SELECT
           (SELECT count(DISTINCT d.id)::int FROM dossiers d
              JOIN dossier_revisions r ON r.dossier_id = d.id
              CROSS JOIN LATERAL jsonb_array_elements(r.cases) c
             WHERE d.round_id = $1 AND ${HOLDS_PATIENT}) AS dossiers,
           (SELECT count(*)::int FROM dossiers d
              JOIN dossier_revisions r ON r.dossier_id = d.id
              CROSS JOIN LATERAL jsonb_array_elements(r.cases) c
             WHERE d.round_id = $1 AND ${HOLDS_PATIENT}) AS cases,
           (SELECT count(*)::int FROM dossiers d
              JOIN check_results k ON k.dossier_id = d.id
              CROSS JOIN LATERAL jsonb_array_elements(k.results) e
             WHERE d.round_id = $1 AND ${CASE_RESULT}) AS "caseResults",
           (SELECT count(*)::int FROM scan_pages p
             WHERE p.round_id = $1 AND p.kind = 'sheet'
               AND (p.text <> '' OR p.lines <> '[]' OR p.words <> '[]')) AS "sheetPages",
           (SELECT count(*)::int FROM (${SHEET_FILES}) s
              JOIN scan_files f USING (sha256) WHERE f.purged_at IS NULL) AS files,
           (SELECT coalesce(sum(s.size), 0)::bigint FROM (${SHEET_FILES}) s
              JOIN scan_files f USING (sha256) WHERE f.purged_at IS NULL) AS bytes`,
        [roundId, PURGED_MESSAGE],
      )
      .then(([row]) => ({ ...row, bytes: Number(row.bytes) }));
  }

  /**
   * Purges the round's patient details in one transaction and marks its case sheets' files
   * purged; returns what it removed and the files to delete from the store (done after the
   * commit: a file left behind by a crash is found again by the next run).
   */
  async purge(
    roundId: string,
    by: string,
  ): Promise<{ removed: PatientDataCounts; files: { sha256: string; mediaType: string }[] }> {
    return this.dataSource.transaction(async (manager) => {
      // One purge at a time per round; checks of the round stop once the mark is set.
      await manager.query(`SELECT 1 FROM rounds WHERE id = $1 FOR UPDATE`, [roundId]);
      const removed = await this.counts(roundId, manager);
      await manager.query(
        `UPDATE dossier_revisions r
            SET cases = (SELECT coalesce(jsonb_agg(${PURGED_CASE} ORDER BY o), '[]'::jsonb)
                           FROM jsonb_array_elements(r.cases) WITH ORDINALITY x(c, o))
           FROM dossiers d
          WHERE d.id = r.dossier_id AND d.round_id = $1`,
        [roundId],
      );
      await manager.query(
        `UPDATE check_results k
            SET results = (SELECT jsonb_agg(CASE WHEN e->>'ref' LIKE 'case:%'
                                                 THEN (e - 'details') || jsonb_build_object('message', $2::text)
                                                 ELSE e END ORDER BY o)
                             FROM jsonb_array_elements(k.results) WITH ORDINALITY x(e, o))
           FROM dossiers d
          WHERE d.id = k.dossier_id AND d.round_id = $1`,
        [roundId, PURGED_MESSAGE],
      );
      await manager.query(
        `UPDATE scan_pages SET text = '', lines = '[]', words = '[]'
          WHERE round_id = $1 AND kind = 'sheet'`,
        [roundId],
      );
      // As a SELECT over the update, so the driver answers with the rows themselves.
      const files: { sha256: string; mediaType: string }[] = await manager.query(
        `WITH marked AS (
           UPDATE scan_files f SET purged_at = coalesce(f.purged_at, now())
             FROM (${SHEET_FILES}) s
            WHERE f.sha256 = s.sha256
           RETURNING f.sha256, f.media_type)
         SELECT sha256, media_type AS "mediaType" FROM marked`,
        [roundId],
      );
      await manager.query(
        `UPDATE rounds SET case_details_purged_at = coalesce(case_details_purged_at, now()),
                           case_details_purged_by = coalesce(case_details_purged_by, $2)
          WHERE id = $1`,
        [roundId, by],
      );
      return { removed, files };
    });
  }
}
