import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { likeLiteral, ListQueryError, type ListQuery } from '../common/list-query.js';
import type { ApplicationRow, DossierDetail, DossierListRow } from './dossier.views.js';

/** A dossier in the export of the list. */
export interface DossierExportRow extends DossierListRow {
  notPassed: string[];
  outcomes: Record<string, string>;
}

/** Decisions the list filters on: one of the three, none yet, or recorded but not released. */
export const DECISION_FILTERS = ['合格', '不合格', '保留', 'none', 'unreleased'] as const;
/** Mail: nothing arrived yet (mail.postmark pending), arrived, or a problem to look at. */
export const MAIL_FILTERS = ['notReceived', 'received', 'problem'] as const;
/** Review fee: outcome of fee.review. */
export const FEE_FILTERS = ['pass', 'pending', 'fail', 'review'] as const;
const OUTCOME_FILTERS = ['fail', 'review', 'pending'] as const;
/** Rules whose outcome has an expression index on check_results (migration ListViews). */
const KNOWN_OUTCOME_INDEXES = new Set(['mail.postmark', 'mail.type', 'fee.review']);

function oneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  label: string,
): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ListQueryError(
    'filter',
    `${label}の絞り込み「${String(value)}」は使えません。使える値: ${allowed.join(', ')}`,
  );
}

/**
 * The WHERE clause of the dossier list and its export. Filters: roundId, verdict, decision,
 * rule (a rule not passed, optionally with ruleOutcome fail/review/pending), mail, fee,
 * reviewerId, unassigned, q (認定番号, name or kana, spaces ignored).
 */
export function dossierWhere(
  f: Record<string, unknown>,
  onlyAssignedTo: number | null,
): { source: string; clause: string; params: unknown[] } {
  const params: unknown[] = [];
  let joinResults = false;
  const where: string[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Filters on check results join them once, rather than look them up row by row. The rules
  // of the mail and fee filters are written in the SQL, so their expression indexes apply.
  const outcomeOf = (rule: string) => {
    joinResults = true;
    return KNOWN_OUTCOME_INDEXES.has(rule)
      ? `(c.outcomes->>'${rule}')`
      : `c.outcomes->>${bind(rule)}`;
  };
  if (onlyAssignedTo !== null) {
    where.push(
      `EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = ${bind(onlyAssignedTo)})`,
    );
  }
  if (typeof f.roundId === 'string' && f.roundId) where.push(`d.round_id = ${bind(f.roundId)}`);
  const verdict = oneOf('verdict', f.verdict, ['pass', 'fail', 'review', 'unchecked'], '自動判定');
  if (verdict === 'unchecked') where.push('d.verdict IS NULL');
  else if (verdict) where.push(`d.verdict = ${bind(verdict)}`);
  const decision = oneOf('decision', f.decision, DECISION_FILTERS, '判定');
  const current = 'FROM decisions x WHERE x.dossier_id = d.id AND x.superseded_at IS NULL';
  if (decision === 'none') where.push(`NOT EXISTS (SELECT 1 ${current})`);
  else if (decision === 'unreleased')
    where.push(`EXISTS (SELECT 1 ${current} AND x.released_at IS NULL)`);
  else if (decision) where.push(`EXISTS (SELECT 1 ${current} AND x.decision = ${bind(decision)})`);
  if (typeof f.rule === 'string' && f.rule) {
    if (!/^[a-z]+(\.[a-z-]+)?$/.test(f.rule)) {
      throw new ListQueryError(
        'filter',
        `規則 ID「${f.rule}」の形が正しくありません(例: case.diagnosis)`,
      );
    }
    const outcome = oneOf('ruleOutcome', f.ruleOutcome, OUTCOME_FILTERS, '規則の結果');
    joinResults = true;
    where.push(
      outcome
        ? `${outcomeOf(f.rule)} = ${bind(outcome)}`
        : `c.not_passed @> ARRAY[${bind(f.rule)}]::text[]`,
    );
  }
  const mail = oneOf('mail', f.mail, MAIL_FILTERS, '郵便物');
  if (mail === 'notReceived') where.push(`${outcomeOf('mail.postmark')} = 'pending'`);
  else if (mail === 'received') where.push(`${outcomeOf('mail.postmark')} <> 'pending'`);
  else if (mail === 'problem') {
    where.push(
      `(${outcomeOf('mail.postmark')} IN ('fail', 'review') OR ${outcomeOf('mail.type')} IN ('fail', 'review'))`,
    );
  }
  const fee = oneOf('fee', f.fee, FEE_FILTERS, '審査料');
  if (fee) where.push(`${outcomeOf('fee.review')} = ${bind(fee)}`);
  if (f.reviewerId !== undefined && f.reviewerId !== '' && f.reviewerId !== null) {
    if (!/^\d{1,9}$/.test(String(f.reviewerId))) {
      throw new ListQueryError('filter', '審査委員の指定が正しくありません');
    }
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
  if (Array.isArray(f.id)) {
    // react-admin's getMany: the ids asked for.
    where.push(
      `d.id = ANY(${bind(f.id.map((id) => String(id)).filter((id) => /^\d{1,18}$/.test(id)))}::bigint[])`,
    );
  }
  return {
    source: joinResults ? 'dossiers d JOIN check_results c ON c.dossier_id = d.id' : 'dossiers d',
    clause: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    params,
  };
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
export class DossierRepository {
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

  /** One dossier with its current revision's forms and check results, or null. */
  async findDossier(id: string): Promise<DossierDetail | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: DossierDetail[] = await this.dataSource.query(
      `SELECT ${DOSSIER_COLUMNS},
              r.applicant, r.case_sheets AS "caseSheets", r.cases, r.attendances,
              coalesce(c.results, '[]') AS checks,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('field', e.field, 'completedAt', e.completed_at,
                                                            'miniTestScore', e.mini_test_score)
                                         ORDER BY e.field), '[]')
                 FROM elearning_results e WHERE e.round_id = d.round_id AND e.cert_no = d.cert_no) AS elearning,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('transactionId', p.transaction_id, 'item', p.item,
                                                            'amount', p.amount, 'handlingFee', p.handling_fee,
                                                            'paidAt', p.paid_at, 'method', p.method, 'status', p.status)
                                         ORDER BY p.file_order), '[]')
                 FROM payments p WHERE p.round_id = d.round_id AND p.cert_no = d.cert_no) AS payments,
              (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'receiptNo', m.receipt_no, 'arrivedOn', m.arrived_on, 'postmarkedOn', m.postmarked_on,
                        'mailKind', m.mail_kind, 'trackingNo', m.tracking_no, 'note', m.note,
                        'scans', (SELECT coalesce(jsonb_agg(jsonb_build_object('fileName', s.file_name, 'page', s.page,
                                                                               'sha256', s.sha256, 'mediaType', sf.media_type,
                                                                               'normalisedSha256', sa.normalised_sha256)
                                                            ORDER BY s.page NULLS LAST, s.file_name), '[]')
                                    FROM envelope_scans s JOIN scan_files sf ON sf.sha256 = s.sha256
                                    LEFT JOIN scan_analyses sa USING (round_id, receipt_no, file_name)
                                   WHERE s.round_id = m.round_id AND s.receipt_no = m.receipt_no))
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
         FROM dossiers d
         JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
         LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
