import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { likeLiteral, type ListQuery } from '../common/list-query.js';

export interface ApplicationRow {
  id: string;
  revision: number;
  certNo: string;
  familyName: string;
  givenName: string;
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  /** The latest released decision: what letters and lists go by. */
  decision: '合格' | '不合格' | '保留' | null;
  checks: {
    rule: string;
    outcome: string;
    ref: string | null;
    message: string;
    details: Record<string, unknown> | null;
  }[];
}

/** A dossier in the console's list. */
export interface DossierListRow {
  id: string;
  roundId: string;
  certNo: string;
  name: string;
  kana: string;
  revision: number;
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  workplace: string | null;
  reviewers: { id: number; login: string; displayName: string }[];
  /** The current decision, released or waiting for release. */
  decision: {
    id: string;
    decision: '合格' | '不合格' | '保留';
    released: boolean;
    decidedBy: string;
    decidedAt: string;
  } | null;
  updatedAt: Date;
}

/** A dossier with its current revision's forms and its check results. */
export interface DossierDetail extends DossierListRow {
  applicant: Record<string, unknown>;
  caseSheets: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  attendances: Record<string, unknown>[];
  checks: ApplicationRow['checks'];
}

export const DOSSIER_SORTABLE = ['certNo', 'kana', 'verdict', 'updatedAt'] as const;
export type DossierSortField = (typeof DOSSIER_SORTABLE)[number];

const DOSSIER_SORT: Record<DossierSortField, string> = {
  certNo: 'd.cert_no',
  kana: 'd.family_name_kana || d.given_name_kana',
  verdict: 'd.verdict',
  updatedAt: 'd.updated_at',
};

const DOSSIER_COLUMNS = `
  d.id::text AS id, d.round_id AS "roundId", d.cert_no AS "certNo",
  trim(d.family_name || ' ' || d.given_name) AS name,
  trim(d.family_name_kana || ' ' || d.given_name_kana) AS kana,
  d.revision, d.verdict, d.counts, d.updated_at AS "updatedAt",
  (SELECT coalesce(f.name, r.applicant->>'workplaceName')
     FROM dossier_revisions r
     LEFT JOIN facilities f ON f.round_id = d.round_id AND f.facility_no = r.applicant->>'workplaceFacilityNo'
    WHERE r.dossier_id = d.id AND r.revision = d.revision) AS workplace,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'login', u.login, 'displayName', u.display_name)
                   ORDER BY u.display_name), '[]')
     FROM assignments a JOIN users u ON u.id = a.reviewer_id WHERE a.dossier_id = d.id) AS reviewers,
  (SELECT jsonb_build_object('id', x.id::text, 'decision', x.decision, 'released', x.released_at IS NOT NULL,
                             'decidedBy', x.decided_by, 'decidedAt', x.decided_at)
     FROM decisions x WHERE x.dossier_id = d.id AND x.superseded_at IS NULL) AS decision`;

/** Reads dossiers with their check results. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listWithChecks(roundId: string): Promise<ApplicationRow[]> {
    return this.dataSource.query(
      `SELECT d.id::text AS id, d.revision, d.cert_no AS "certNo", d.family_name AS "familyName",
              d.given_name AS "givenName", d.verdict, d.counts,
              (SELECT x.decision FROM decisions x
                WHERE x.dossier_id = d.id AND x.released_at IS NOT NULL
                ORDER BY x.id DESC LIMIT 1) AS decision,
              coalesce(c.results, '[]') AS checks
         FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.round_id = $1
        ORDER BY d.cert_no`,
      [roundId],
    );
  }

  /**
   * A page of dossiers. `reviewerId` limits the list to the dossiers assigned to that reviewer
   * (what a reviewer may see); filters: roundId, verdict, reviewerId, unassigned, q (認定番号,
   * name or kana, spaces ignored).
   */
  async listDossiers(
    query: ListQuery<DossierSortField>,
    onlyAssignedTo: number | null,
  ): Promise<[DossierListRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const f = query.filter;
    if (onlyAssignedTo !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = ${bind(onlyAssignedTo)})`,
      );
    }
    if (typeof f.roundId === 'string' && f.roundId) where.push(`d.round_id = ${bind(f.roundId)}`);
    if (typeof f.verdict === 'string' && f.verdict) where.push(`d.verdict = ${bind(f.verdict)}`);
    if (f.reviewerId !== undefined && f.reviewerId !== '' && f.reviewerId !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = ${bind(Number(f.reviewerId))})`,
      );
    }
    if (f.unassigned === true || f.unassigned === 'true') {
      where.push('NOT EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id)');
    }
    if (typeof f.q === 'string' && f.q.trim()) {
      const q = bind(likeLiteral(f.q.replace(/\s+/g, '')));
      where.push(
        `(d.cert_no = ${q} OR (d.family_name || d.given_name) ILIKE '%' || ${q} || '%'
          OR (d.family_name_kana || d.given_name_kana) ILIKE '%' || ${q} || '%')`,
      );
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${DOSSIER_COLUMNS} FROM dossiers d ${clause}
          ORDER BY ${DOSSIER_SORT[query.sortField]} ${query.sortOrder} NULLS LAST, d.id
          LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ) as Promise<DossierListRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM dossiers d ${clause}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return [rows, count[0].n];
  }

  /** One dossier with its current revision's forms and check results, or null. */
  async findDossier(id: string): Promise<DossierDetail | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: DossierDetail[] = await this.dataSource.query(
      `SELECT ${DOSSIER_COLUMNS},
              r.applicant, r.case_sheets AS "caseSheets", r.cases, r.attendances,
              coalesce(c.results, '[]') AS checks
         FROM dossiers d
         JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
         LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
