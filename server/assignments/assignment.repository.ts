import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { filterId, likeLiteral, type ListQuery } from '../common/list-query.js';
import type { AssignmentRow, ReviewerRow } from './assignment.views.js';
import type { Conflict, DossierPlaces } from './conflict-of-interest.js';

/** A dossier as assignment sees it: who it is and the places it names. */
export interface AssignableDossier {
  id: string;
  certNo: string;
  places: DossierPlaces;
}

export interface NewAssignment {
  dossierId: string;
  reviewerId: number;
  assignedBy: string;
  conflicts: Conflict[];
  overrideReason: string | null;
}

export const ASSIGNMENT_SORTABLE = ['assignedAt', 'certNo', 'reviewerLogin'] as const;
export type AssignmentSortField = (typeof ASSIGNMENT_SORTABLE)[number];

const SORT_COLUMNS: Record<AssignmentSortField, string> = {
  assignedAt: 'a.assigned_at',
  certNo: 'd.cert_no',
  reviewerLogin: 'u.login',
};

const SELECT = `
  SELECT a.id::text AS id, d.round_id AS "roundId", d.id::text AS "dossierId", d.cert_no AS "certNo",
         trim(d.family_name || ' ' || d.given_name) AS name,
         u.id AS "reviewerId", u.login AS "reviewerLogin", u.display_name AS "reviewerName",
         a.assigned_by AS "assignedBy", a.assigned_at AS "assignedAt", a.conflicts,
         a.override_reason AS "overrideReason"
    FROM assignments a
    JOIN dossiers d ON d.id = a.dossier_id
    JOIN users u ON u.id = a.reviewer_id`;

/** Who reviews which dossier. */
@Injectable()
export class AssignmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The dossiers of the round with these 認定番号, with the places of their current revision:
   * the 申請1 workplace and each case sheet's facility, named from the board's list when only
   * the number was given.
   */
  async findDossiers(roundId: string, certNos: readonly string[]): Promise<AssignableDossier[]> {
    const rows: {
      id: string;
      certNo: string;
      workplaceFacilityNo: string | null;
      workplaceName: string | null;
      caseSheets: { sheetNo: number; facilityNo: string | null; name: string | null }[];
    }[] = await this.dataSource.query(
      `SELECT d.id::text AS id, d.cert_no AS "certNo",
              r.applicant->>'workplaceFacilityNo' AS "workplaceFacilityNo",
              coalesce(wf.name, r.applicant->>'workplaceName') AS "workplaceName",
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'sheetNo', (s->>'sheetNo')::int,
                        'facilityNo', s->>'facilityNo',
                        'name', coalesce(f.name, s->>'facilityName'))), '[]')
                 FROM jsonb_array_elements(r.case_sheets) s
                 LEFT JOIN facilities f ON f.round_id = d.round_id AND f.facility_no = s->>'facilityNo'
              ) AS "caseSheets"
         FROM dossiers d
         JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
         LEFT JOIN facilities wf
                ON wf.round_id = d.round_id AND wf.facility_no = r.applicant->>'workplaceFacilityNo'
        WHERE d.round_id = $1 AND d.cert_no = ANY($2)`,
      [roundId, certNos],
    );
    return rows.map((row) => ({
      id: row.id,
      certNo: row.certNo,
      places: {
        workplace:
          row.workplaceFacilityNo || row.workplaceName
            ? { facilityNo: row.workplaceFacilityNo, name: row.workplaceName }
            : null,
        caseSheets: row.caseSheets,
      },
    }));
  }

  /** The dossiers (by id) among these that the reviewer already has. */
  async assignedAmong(reviewerId: number, dossierIds: readonly string[]): Promise<Set<string>> {
    const rows: { dossierId: string }[] = await this.dataSource.query(
      `SELECT dossier_id::text AS "dossierId" FROM assignments
        WHERE reviewer_id = $1 AND dossier_id = ANY($2::bigint[])`,
      [reviewerId, dossierIds],
    );
    return new Set(rows.map((r) => r.dossierId));
  }

  /** Inserts, skipping pairs that exist; returns the pairs inserted, as `dossierId:reviewerId`. */
  async insertMany(assignments: readonly NewAssignment[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < assignments.length; i += 2000) {
      const chunk = assignments.slice(i, i + 2000);
      const rows: { pair: string }[] = await this.dataSource.query(
        `INSERT INTO assignments (dossier_id, reviewer_id, assigned_by, conflicts, override_reason)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::varchar[], $4::jsonb[], $5::text[])
         ON CONFLICT (dossier_id, reviewer_id) DO NOTHING
         RETURNING dossier_id::text || ':' || reviewer_id AS pair`,
        [
          chunk.map((a) => a.dossierId),
          chunk.map((a) => a.reviewerId),
          chunk.map((a) => a.assignedBy),
          chunk.map((a) => JSON.stringify(a.conflicts)),
          chunk.map((a) => a.overrideReason),
        ],
      );
      for (const row of rows) inserted.add(row.pair);
    }
    return inserted;
  }

  async findById(id: string): Promise<AssignmentRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: AssignmentRow[] = await this.dataSource.query(`${SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async delete(id: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`DELETE FROM assignments WHERE id = $1`, [
      id,
    ])) as [unknown, number];
    return affected > 0;
  }

  /** Whether the reviewer is assigned the dossier. */
  async isAssigned(dossierId: string, reviewerId: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM assignments WHERE dossier_id = $1 AND reviewer_id = $2`,
      [dossierId, reviewerId],
    );
    return rows.length > 0;
  }

  async list(query: ListQuery<AssignmentSortField>): Promise<[AssignmentRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const f = query.filter;
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (typeof f.roundId === 'string' && f.roundId) add('d.round_id = ?', f.roundId);
    const reviewerId = filterId(f, 'reviewerId');
    if (reviewerId !== undefined) add('u.id = ?', Number(reviewerId));
    if (typeof f.certNo === 'string' && f.certNo) add('d.cert_no = ?', f.certNo.trim());
    const dossierId = filterId(f, 'dossierId');
    if (dossierId !== undefined) add('d.id = ?', dossierId);
    if (f.overridden === true || f.overridden === 'true')
      where.push('a.override_reason IS NOT NULL');
    if (typeof f.q === 'string' && f.q.trim()) {
      // 認定番号, name or kana of the applicant, login or name of the reviewer; spaces ignored.
      params.push(likeLiteral(f.q.replace(/\s+/g, '')));
      const n = params.length;
      where.push(
        `(d.cert_no = $${n} OR (d.family_name || d.given_name || d.family_name_kana ||
          d.given_name_kana || u.login || u.display_name) ILIKE '%' || $${n} || '%')`,
      );
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[query.sortField]} ${query.sortOrder}, a.id`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `${SELECT} ${clause} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ) as Promise<AssignmentRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM assignments a JOIN dossiers d ON d.id = a.dossier_id
           JOIN users u ON u.id = a.reviewer_id ${clause}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return [rows, count[0].n];
  }

  /** Active reviewers with how many dossiers of the round each has. */
  async reviewers(roundId: string | null): Promise<ReviewerRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.login, u.display_name AS "displayName",
              u.workplace_facility_no AS "workplaceFacilityNo", u.workplace_name AS "workplaceName",
              (SELECT count(*)::int FROM assignments a JOIN dossiers d ON d.id = a.dossier_id
                WHERE a.reviewer_id = u.id AND ($1::varchar IS NULL OR d.round_id = $1)) AS assigned
         FROM users u
        WHERE u.role = 'reviewer' AND u.active
        ORDER BY u.display_name, u.login`,
      [roundId],
    );
  }
}
