import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Scanned pages of envelopes, the stored files behind them, and what their reading found. */
@Injectable()
export class ScanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
