import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { likeLiteral, type ListQuery } from '../common/list-query.js';

/** What a person enters of an envelope. */
export interface EnvelopeValues {
  arrivedOn: string;
  postmarkedOn: string | null;
  mailKind: string;
  trackingNo: string;
  certNo: string;
  note: string;
}

export interface EnvelopeRow extends EnvelopeValues {
  id: string;
  roundId: string;
  receiptNo: string;
  source: string;
  /** The applicant's dossier, when one has this 認定番号. */
  dossierId: string | null;
  name: string | null;
  scans: number;
}

export const ENVELOPE_SORTABLE = ['receiptNo', 'arrivedOn', 'certNo'] as const;
export type EnvelopeSortField = (typeof ENVELOPE_SORTABLE)[number];

const ENVELOPE_COLUMNS = `
  e.round_id || ':' || e.receipt_no AS id, e.round_id AS "roundId", e.receipt_no AS "receiptNo",
  to_char(e.arrived_on, 'YYYY-MM-DD') AS "arrivedOn", to_char(e.postmarked_on, 'YYYY-MM-DD') AS "postmarkedOn",
  e.mail_kind AS "mailKind", e.tracking_no AS "trackingNo", e.cert_no AS "certNo", e.note, e.source,
  d.id::text AS "dossierId", trim(d.family_name || ' ' || d.given_name) AS name,
  (SELECT count(*)::int FROM envelope_scans s WHERE s.round_id = e.round_id AND s.receipt_no = e.receipt_no) AS scans`;

/** $1–$8 of the envelope writes: round, 受付番号, then the values in column order. */
const envelopeParams = (roundId: string, receiptNo: string, v: EnvelopeValues) => [
  roundId,
  receiptNo,
  v.arrivedOn,
  v.postmarkedOn,
  v.mailKind,
  v.trackingNo,
  v.certNo,
  v.note,
];

/** Envelopes and their scans. */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Envelopes of a round: filters roundId, q (受付番号, 認定番号, 追跡番号), unmatched. */
  async list(query: ListQuery<EnvelopeSortField>): Promise<[EnvelopeRow[], number]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const f = query.filter;
    if (typeof f.roundId === 'string' && f.roundId) {
      params.push(f.roundId);
      where.push(`e.round_id = $${params.length}`);
    }
    if (f.unmatched === true || f.unmatched === 'true') where.push('d.id IS NULL');
    if (typeof f.q === 'string' && f.q.trim()) {
      params.push(likeLiteral(f.q.trim()));
      const p = `$${params.length}`;
      where.push(
        `(e.receipt_no ILIKE '%' || ${p} || '%' OR e.cert_no = ${p} OR e.tracking_no = ${p})`,
      );
    }
    const from = `envelopes e LEFT JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const sort = { receiptNo: 'e.receipt_no', arrivedOn: 'e.arrived_on', certNo: 'e.cert_no' };
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ENVELOPE_COLUMNS} FROM ${from}
          ORDER BY ${sort[query.sortField]} ${query.sortOrder}, e.receipt_no
          LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM ${from}`, params),
    ]);
    return [rows, n];
  }

  async find(roundId: string, receiptNo: string): Promise<EnvelopeRow | null> {
    const rows: EnvelopeRow[] = await this.dataSource.query(
      `SELECT ${ENVELOPE_COLUMNS}
         FROM envelopes e LEFT JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
        WHERE e.round_id = $1 AND e.receipt_no = $2`,
      [roundId, receiptNo],
    );
    return rows[0] ?? null;
  }

  /**
   * Registers an envelope under the round's next 受付番号 (R<round>-NNNNNN, after the highest in
   * use, the mail room's included); the round's envelopes are locked meanwhile so two
   * registrations never take the same number.
   */
  async register(roundId: string, values: EnvelopeValues): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('envelopes:' || $1))`, [roundId]);
      const [{ next }] = await tx.query(
        `SELECT coalesce(max(substring(receipt_no FROM '-([0-9]+)$')::int), 0) + 1 AS next
           FROM envelopes WHERE round_id = $1 AND receipt_no ~ ('^R' || $1 || '-[0-9]+$')`,
        [roundId],
      );
      const receiptNo = `R${roundId}-${String(next).padStart(6, '0')}`;
      await tx.query(
        `INSERT INTO envelopes (round_id, receipt_no, arrived_on, postmarked_on, mail_kind, tracking_no,
                                cert_no, note, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'console')`,
        envelopeParams(roundId, receiptNo, values),
      );
      return receiptNo;
    });
  }

  async update(roundId: string, receiptNo: string, values: EnvelopeValues): Promise<void> {
    await this.dataSource.query(
      `UPDATE envelopes SET arrived_on = $3, postmarked_on = $4, mail_kind = $5, tracking_no = $6,
              cert_no = $7, note = $8, updated_at = now()
        WHERE round_id = $1 AND receipt_no = $2`,
      envelopeParams(roundId, receiptNo, values),
    );
  }

  /** Links stored scans to the envelope as its next pages. */
  async addScans(
    roundId: string,
    receiptNo: string,
    scans: { fileName: string; sha256: string; size: number; mediaType: string }[],
  ): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scan_files (sha256, size, media_type)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
        [scans.map((s) => s.sha256), scans.map((s) => s.size), scans.map((s) => s.mediaType)],
      );
      const [{ last }] = await tx.query(
        `SELECT coalesce(max(page), 0) AS last FROM envelope_scans WHERE round_id = $1 AND receipt_no = $2`,
        [roundId, receiptNo],
      );
      const added: unknown[] = await tx.query(
        `INSERT INTO envelope_scans (round_id, receipt_no, file_name, page, sha256)
         SELECT $1, $2, f, $4::int + n, s FROM unnest($3::text[], $5::text[]) WITH ORDINALITY AS x(f, s, n)
         ON CONFLICT (round_id, receipt_no, file_name) DO NOTHING
         RETURNING file_name`,
        [roundId, receiptNo, scans.map((s) => s.fileName), last, scans.map((s) => s.sha256)],
      );
      return added.length;
    });
  }

  /**
   * The scan's media type when it belongs to an envelope of this applicant (a page, or the
   * normalised image of one), else null.
   */
  async scanOf(roundId: string, certNo: string, sha256: string): Promise<string | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const rows: { mediaType: string }[] = await this.dataSource.query(
      `SELECT f.media_type AS "mediaType"
         FROM envelope_scans s
         JOIN envelopes e ON e.round_id = s.round_id AND e.receipt_no = s.receipt_no
         LEFT JOIN scan_analyses a
           ON a.round_id = s.round_id AND a.receipt_no = s.receipt_no AND a.file_name = s.file_name
         JOIN scan_files f ON f.sha256 = $3
        WHERE s.round_id = $1 AND e.cert_no = $2 AND (s.sha256 = $3 OR a.normalised_sha256 = $3)
        LIMIT 1`,
      [roundId, certNo, sha256],
    );
    return rows[0]?.mediaType ?? null;
  }

  /** Envelopes with their number of scanned pages and their 認定番号, for queuing their reading. */
  scannedEnvelopes(
    roundId: string,
    receiptNos: string[],
  ): Promise<{ roundId: string; receiptNo: string; pages: number; certNo: string }[]> {
    return this.dataSource.query(
      `SELECT e.round_id AS "roundId", e.receipt_no AS "receiptNo", e.cert_no AS "certNo",
              (SELECT count(*)::int FROM envelope_scans s
                WHERE s.round_id = e.round_id AND s.receipt_no = e.receipt_no) AS pages
         FROM envelopes e
        WHERE e.round_id = $1 AND e.receipt_no = ANY($2::text[])
          AND EXISTS (SELECT 1 FROM envelope_scans s WHERE s.round_id = e.round_id AND s.receipt_no = e.receipt_no)`,
      [roundId, receiptNos],
    );
  }

  /**
   * An envelope's pages in order with what the last analysis read (sha256 and role), and the
   * case sheet numbers of its applicant's dossier (none when the envelope is unmatched).
   */
  async pagesToAnalyse(
    roundId: string,
    receiptNo: string,
  ): Promise<{
    pages: {
      fileName: string;
      page: number | null;
      sha256: string;
      mediaType: string;
      analysed: string | null;
    }[];
    sheetNos: number[];
  }> {
    const pages = await this.dataSource.query(
      `SELECT s.file_name AS "fileName", s.page, s.sha256, f.media_type AS "mediaType",
              a.sha256 || '|' || a.role AS analysed
         FROM envelope_scans s JOIN scan_files f ON f.sha256 = s.sha256
         LEFT JOIN scan_analyses a USING (round_id, receipt_no, file_name)
        WHERE s.round_id = $1 AND s.receipt_no = $2
        ORDER BY s.page NULLS LAST, s.file_name`,
      [roundId, receiptNo],
    );
    const [sheets] = await this.dataSource.query(
      `SELECT coalesce((SELECT array_agg(DISTINCT x.n ORDER BY x.n) FROM (
                 SELECT (s->>'sheetNo')::int AS n FROM jsonb_array_elements(r.case_sheets) s
                 UNION SELECT (c->>'sheetNo')::int FROM jsonb_array_elements(r.cases) c) x), '{}') AS "sheetNos"
         FROM envelopes e
         JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
         JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
        WHERE e.round_id = $1 AND e.receipt_no = $2`,
      [roundId, receiptNo],
    );
    return { pages, sheetNos: sheets?.sheetNos ?? [] };
  }

  /** Pages taken out of a scanned PDF, added to its envelope after it (kept if already there). */
  async addDerivedPages(
    roundId: string,
    receiptNo: string,
    pages: { fileName: string; page: number; sha256: string; size: number; mediaType: string }[],
  ): Promise<void> {
    if (pages.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scan_files (sha256, size, media_type)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
        [pages.map((p) => p.sha256), pages.map((p) => p.size), pages.map((p) => p.mediaType)],
      );
      await tx.query(
        `INSERT INTO envelope_scans (round_id, receipt_no, file_name, page, sha256)
         SELECT $1, $2, f, p, s FROM unnest($3::text[], $4::int[], $5::text[]) AS x(f, p, s)
         ON CONFLICT (round_id, receipt_no, file_name) DO NOTHING`,
        [
          roundId,
          receiptNo,
          pages.map((p) => p.fileName),
          pages.map((p) => p.page),
          pages.map((p) => p.sha256),
        ],
      );
    });
  }

  async saveAnalysis(
    roundId: string,
    receiptNo: string,
    page: { fileName: string; sha256: string },
    role: string,
    finding: { proposal: string; confidence: number; redShare: number } | null,
    normalised: { sha256: string; size: number; mediaType: string } | null,
  ): Promise<void> {
    if (normalised) {
      await this.dataSource.query(
        `INSERT INTO scan_files (sha256, size, media_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [normalised.sha256, normalised.size, normalised.mediaType],
      );
    }
    await this.dataSource.query(
      `INSERT INTO scan_analyses (round_id, receipt_no, file_name, sha256, role, proposal, confidence,
                                  red_share, normalised_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (round_id, receipt_no, file_name) DO UPDATE
         SET sha256 = EXCLUDED.sha256, role = EXCLUDED.role, proposal = EXCLUDED.proposal,
             confidence = EXCLUDED.confidence, red_share = EXCLUDED.red_share,
             normalised_sha256 = EXCLUDED.normalised_sha256, analysed_at = now()`,
      [
        roundId,
        receiptNo,
        page.fileName,
        page.sha256,
        role,
        finding?.proposal ?? null,
        finding?.confidence ?? null,
        finding?.redShare ?? null,
        normalised?.sha256 ?? null,
      ],
    );
  }

  /** The seal proposals for a dossier's documents: by doc item key (doc.cover@, doc.seal@sheet:N). */
  async sealProposals(
    roundId: string,
    certNo: string,
  ): Promise<
    { item: string; proposal: string; confidence: number; receiptNo: string; fileName: string }[]
  > {
    return this.dataSource.query(
      `SELECT CASE WHEN a.role = 'cover' THEN 'doc.cover@' ELSE 'doc.seal@' || a.role END AS item,
              a.proposal, a.confidence, a.receipt_no AS "receiptNo", a.file_name AS "fileName"
         FROM scan_analyses a JOIN envelopes e USING (round_id, receipt_no)
        WHERE a.round_id = $1 AND e.cert_no = $2 AND a.proposal IS NOT NULL
        ORDER BY e.arrived_on DESC, a.receipt_no DESC`,
      [roundId, certNo],
    );
  }
}
