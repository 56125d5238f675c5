import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '../common/list-query.js';
import { isCurrentDecisionOf, latestReleasedDecisionOf } from '../decisions/decision-sql.js';
import { dossierWhere } from './dossier-filter.js';
import {
  CURRENT_REVISION,
  ELEARNING,
  FORM_MASTERS,
  FORMS,
  KANA,
  NAME,
  PAYMENTS,
  WORKPLACE,
  scansOfEnvelope,
} from './dossier-projection.js';
import type {
  DossierListRow,
  ApplicationRow,
  DossierDetail,
  DossierSummary,
} from './dossier.views.js';

/** A dossier in the export of the list. */
export interface DossierExportRow extends DossierListRow {
  notPassed: string[];
  outcomes: Record<string, string>;
}

export const DOSSIER_SORTABLE = ['certNo', 'kana', 'verdict', 'updatedAt'] as const;
export type DossierSortField = (typeof DOSSIER_SORTABLE)[number];

const DOSSIER_SORT: Record<DossierSortField, string> = {
  certNo: 'd.cert_no',
  kana: 'd.family_name_kana || d.given_name_kana',
  verdict: 'd.verdict',
  updatedAt: 'd.updated_at',
};

/**
 * A dossier in the console's list, page and export: the columns of dossier-projection.ts and
 * what only the console shows (workplace, reviewers, the current decision, released or waiting).
 */
const DOSSIER_COLUMNS = `
  d.id::text AS id, d.round_id AS "roundId", d.cert_no AS "certNo",
  ${NAME} AS name, ${KANA} AS kana,
  d.revision, d.verdict, d.counts, d.updated_at AS "updatedAt",
  (SELECT ${WORKPLACE} FROM dossier_revisions r
    WHERE r.dossier_id = d.id AND r.revision = d.revision) AS workplace,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'login', u.login, 'displayName', u.display_name)
                   ORDER BY u.display_name), '[]')
     FROM assignments a JOIN users u ON u.id = a.reviewer_id WHERE a.dossier_id = d.id) AS reviewers,
  (SELECT jsonb_build_object('id', x.id::text, 'decision', x.decision, 'released', x.released_at IS NOT NULL,
                             'decidedBy', x.decided_by, 'decidedAt', x.decided_at)
     FROM decisions x WHERE ${isCurrentDecisionOf('d.id')}) AS decision`;

/** Reads dossiers with their check results. */
@Injectable()
export class DossierRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listWithChecks(roundId: string): Promise<ApplicationRow[]> {
    return this.dataSource.query(
      `SELECT d.id::text AS id, d.revision, d.cert_no AS "certNo", d.family_name AS "familyName",
              d.given_name AS "givenName", d.verdict, d.counts,
              (SELECT x.decision FROM ${latestReleasedDecisionOf('d.id')} x) AS decision,
              coalesce(c.results, '[]') AS checks
         FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.round_id = $1
        ORDER BY d.cert_no`,
      [roundId],
    );
  }

  /**
   * A page of dossiers. `onlyAssignedTo` limits the list to the dossiers assigned to that
   * reviewer (what a reviewer may see), whatever the filter says.
   */
  async listDossiers(
    query: ListQuery<DossierSortField>,
    onlyAssignedTo: number | null,
  ): Promise<[DossierListRow[], number]> {
    const { source, clause, params } = dossierWhere(query.filter, onlyAssignedTo);
    const [rows, count] = await Promise.all([
      // The page's ids first, then their columns: the per-row subqueries run for the 50 rows
      // shown, not for every row an OFFSET skips.
      this.dataSource.query(
        `WITH page AS (
           SELECT d.id, ${DOSSIER_SORT[query.sortField]} AS sort_key FROM ${source} ${clause}
            ORDER BY sort_key ${query.sortOrder} NULLS LAST, d.id
            LIMIT ${query.limit} OFFSET ${query.offset})
         SELECT ${DOSSIER_COLUMNS} FROM page JOIN dossiers d ON d.id = page.id
          ORDER BY page.sort_key ${query.sortOrder} NULLS LAST, d.id`,
        params,
      ) as Promise<DossierListRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${source} ${clause}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return [rows, count[0].n];
  }

  /**
   * Where a dossier stands in a list (filter and sort as the console's list has them): the
   * previous and next dossiers and its position, for going through a queue. Null when the
   * dossier is not in the list (filtered out).
   */
  async neighbours(
    id: string,
    query: ListQuery<DossierSortField>,
    onlyAssignedTo: number | null,
  ): Promise<{
    previous: string | null;
    next: string | null;
    position: number;
    total: number;
  } | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const { source, clause, params } = dossierWhere(query.filter, onlyAssignedTo);
    const rows = await this.dataSource.query(
      `SELECT previous, next, position, total FROM (
         SELECT d.id, lag(d.id::text) OVER w AS previous, lead(d.id::text) OVER w AS next,
                (row_number() OVER w)::int AS position, (count(*) OVER ())::int AS total
           FROM ${source} ${clause}
         WINDOW w AS (ORDER BY ${DOSSIER_SORT[query.sortField]} ${query.sortOrder} NULLS LAST, d.id)) o
        WHERE o.id = $${params.length + 1}`,
      [...params, id],
    );
    return rows[0] ?? null;
  }

  /**
   * Every dossier of a filter for the export, in pages in 認定番号 order (keyset: no row cap, no
   * growing OFFSET), with the rules each has not passed and its mail and fee outcomes.
   */
  async *streamDossiers(
    filter: Record<string, unknown>,
    onlyAssignedTo: number | null,
    pageSize = 2000,
  ): AsyncGenerator<DossierExportRow[]> {
    const { source, clause, params } = dossierWhere(filter, onlyAssignedTo);
    let after: [string, string] = ['', '0'];
    for (;;) {
      const n = params.length;
      const rows: DossierExportRow[] = await this.dataSource.query(
        `SELECT ${DOSSIER_COLUMNS},
                coalesce((SELECT c.not_passed FROM check_results c WHERE c.dossier_id = d.id), '{}') AS "notPassed",
                coalesce((SELECT c.outcomes FROM check_results c WHERE c.dossier_id = d.id), '{}') AS outcomes
           FROM ${source} ${clause ? `${clause} AND` : 'WHERE'} (d.cert_no, d.id) > ($${n + 1}, $${n + 2}::bigint)
          ORDER BY d.cert_no, d.id LIMIT ${pageSize}`,
        [...params, ...after],
      );
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1];
      after = [last.certNo, last.id];
    }
  }

  /** The dossier of a 認定番号 in a round, or null. */
  async findByCertNo(roundId: string, certNo: string): Promise<{ id: string } | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id::text AS id FROM dossiers WHERE round_id = $1 AND cert_no = $2`,
      [roundId, certNo],
    );
    return rows[0] ?? null;
  }

  /** A dossier's summary (dossier.views.ts DossierSummary), or null. */
  async findSummary(id: string): Promise<DossierSummary | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: DossierSummary[] = await this.dataSource.query(
      `SELECT d.id::text AS id, d.round_id AS "roundId", d.cert_no AS "certNo", d.revision,
              d.verdict, d.counts, coalesce(c.results, '[]') AS checks
         FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** One dossier with its current revision's forms and check results, or null. */
  async findDossier(id: string): Promise<DossierDetail | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: DossierDetail[] = await this.dataSource.query(
      `SELECT ${DOSSIER_COLUMNS}, ${FORMS}, coalesce(c.results, '[]') AS checks,
              ${ELEARNING} AS elearning, ${PAYMENTS} AS payments, ${FORM_MASTERS},
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'receiptNo', m.receipt_no, 'arrivedOn', m.arrived_on, 'postmarkedOn', m.postmarked_on,
                        'mailKind', m.mail_kind, 'trackingNo', m.tracking_no, 'note', m.note,
                        'scans', ${scansOfEnvelope('m')},
                        'pages', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                           'pageNo', p.page_no, 'ref', p.receipt_no || '-' || p.page_no,
                                           'fileName', p.file_name, 'filePage', p.file_page, 'sha256', p.sha256,
                                           'mediaType', sf.media_type, 'displaySha256', p.display_sha256,
                                           'width', p.width, 'height', p.height, 'kind', p.kind,
                                           'number', p.number, 'unreadReason', p.unread_reason)
                                         ORDER BY p.page_no), '[]')
                                    FROM scan_pages p JOIN scan_files sf ON sf.sha256 = p.sha256
                                   WHERE p.round_id = m.round_id AND p.receipt_no = m.receipt_no),
                        'readAt', (SELECT er.read_at FROM envelope_readings er
                                    WHERE er.round_id = m.round_id AND er.receipt_no = m.receipt_no))
                        ORDER BY m.arrived_on, m.receipt_no), '[]')
                 FROM envelopes m WHERE m.round_id = d.round_id AND m.cert_no = d.cert_no) AS mail,
              (SELECT jsonb_build_object('certificateNo', ct.certificate_no,
                                         'renewalDate', ct.renewal_date, 'validUntil', ct.valid_until)
                 FROM certificates ct WHERE ct.round_id = d.round_id AND ct.cert_no = d.cert_no) AS certificate,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id::text, 'kind', s.kind,
                        'sentOn', s.sent_on, 'trackingNo', s.tracking_no, 'postalCode', s.postal_code,
                        'prefecture', s.prefecture, 'address', s.address, 'recipient', s.recipient,
                        'returnedOn', s.returned_on, 'returnReason', s.return_reason) ORDER BY s.id), '[]')
                 FROM dispatches s WHERE s.round_id = d.round_id AND s.cert_no = d.cert_no) AS dispatches
         FROM dossiers d ${CURRENT_REVISION}
         LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
