import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  ApplicantScan,
  EnvelopeFile,
  EnvelopeToRead,
  ScanPageRow,
} from './scan-reading.views.js';

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
   * A stored file when it belongs to an envelope of this applicant, else null: its media type,
   * its envelope, and its name when it is a scanned file itself rather than the display
   * rendition of one of its pages (null then).
   */
  async scanOf(roundId: string, certNo: string, sha256: string): Promise<ApplicantScan | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const rows: ApplicantScan[] = await this.dataSource.query(
      `SELECT f.media_type AS "mediaType", e.receipt_no AS "receiptNo", s.file_name AS "fileName",
              f.purged_at AS "purgedAt"
         FROM envelopes e
         JOIN scan_files f ON f.sha256 = $3
         LEFT JOIN LATERAL (SELECT s.file_name FROM envelope_scans s
                             WHERE s.round_id = e.round_id AND s.receipt_no = e.receipt_no
                               AND s.sha256 = $3
                             ORDER BY s.file_name LIMIT 1) s ON true
        WHERE e.round_id = $1 AND e.cert_no = $2
          AND (s.file_name IS NOT NULL
            OR EXISTS (SELECT 1 FROM scan_pages p
                        WHERE p.round_id = e.round_id AND p.receipt_no = e.receipt_no
                          AND p.display_sha256 = $3))
        ORDER BY s.file_name IS NULL, e.receipt_no
        LIMIT 1`,
      [roundId, certNo, sha256],
    );
    return rows[0] ?? null;
  }

  /**
   * Envelopes of the round (those named) that hold scans: each with the key of its files and
   * its 認定番号, for queuing their reading.
   */
  scannedEnvelopes(roundId: string, receiptNos: string[]): Promise<EnvelopeToRead[]> {
    return this.dataSource.query(
      `SELECT s.round_id AS "roundId", s.receipt_no AS "receiptNo", coalesce(e.cert_no, '') AS "certNo",
              md5(string_agg(s.sha256, ',' ORDER BY s.page NULLS LAST, s.file_name)) AS "filesKey"
         FROM envelope_scans s
         LEFT JOIN envelopes e ON e.round_id = s.round_id AND e.receipt_no = s.receipt_no
        WHERE s.round_id = $1 AND s.receipt_no = ANY($2::text[])
        GROUP BY s.round_id, s.receipt_no, e.cert_no`,
      [roundId, receiptNos],
    );
  }

  /**
   * Envelopes (of any round) whose scans were not read as they are now, by this reader: never
   * read, files added or replaced since, or read by an earlier version. The reconciler queues
   * them; a lost job is found again here.
   */
  unreadEnvelopes(readerVersion: number, limit: number): Promise<EnvelopeToRead[]> {
    return this.dataSource.query(
      `SELECT k."roundId", k."receiptNo", k."certNo", k."filesKey"
         FROM (SELECT s.round_id AS "roundId", s.receipt_no AS "receiptNo", coalesce(e.cert_no, '') AS "certNo",
                      md5(string_agg(s.sha256, ',' ORDER BY s.page NULLS LAST, s.file_name)) AS "filesKey"
                 FROM envelope_scans s
                 LEFT JOIN envelopes e ON e.round_id = s.round_id AND e.receipt_no = s.receipt_no
                GROUP BY s.round_id, s.receipt_no, e.cert_no) k
         LEFT JOIN envelope_readings r ON r.round_id = k."roundId" AND r.receipt_no = k."receiptNo"
        WHERE r.round_id IS NULL OR r.files_key <> k."filesKey" OR r.reader_version <> $1
           OR r.cert_no <> k."certNo"
        ORDER BY k."roundId", k."receiptNo"
        LIMIT $2`,
      [readerVersion, limit],
    );
  }

  /**
   * An envelope's files in scan order with the key they make, and the names of its applicant
   * as 申請1 gives them (none when the envelope is unmatched).
   */
  async filesOf(
    roundId: string,
    receiptNo: string,
  ): Promise<{
    files: EnvelopeFile[];
    filesKey: string;
    names: { family: string; given: string; former: string | null } | null;
    certNo: string;
  }> {
    const files: EnvelopeFile[] = await this.dataSource.query(
      `SELECT s.file_name AS "fileName", s.sha256, f.media_type AS "mediaType"
         FROM envelope_scans s JOIN scan_files f ON f.sha256 = s.sha256
        WHERE s.round_id = $1 AND s.receipt_no = $2
        ORDER BY s.page NULLS LAST, s.file_name`,
      [roundId, receiptNo],
    );
    const [envelope] = await this.dataSource.query(
      `SELECT coalesce(e.cert_no, '') AS "certNo", r.applicant->>'familyName' AS family, r.applicant->>'givenName' AS given,
              nullif(r.applicant->>'formerName', '') AS former
         FROM envelopes e
         LEFT JOIN dossiers d ON d.round_id = e.round_id AND d.cert_no = e.cert_no
         LEFT JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
        WHERE e.round_id = $1 AND e.receipt_no = $2`,
      [roundId, receiptNo],
    );
    // As scannedEnvelopes keys them: md5 of the files' sha256 in scan order.
    const filesKey = createHash('md5')
      .update(files.map((f) => f.sha256).join(','))
      .digest('hex');
    const names = envelope?.family
      ? { family: envelope.family, given: envelope.given ?? '', former: envelope.former }
      : null;
    return { files, filesKey, names, certNo: envelope?.certNo ?? '' };
  }

  /** The 受付番号 of those envelopes not yet read as they are keyed, by this reader. */
  async notYetRead(envelopes: EnvelopeToRead[], readerVersion: number): Promise<string[]> {
    if (envelopes.length === 0) return [];
    const rows: { receiptNo: string }[] = await this.dataSource.query(
      `SELECT x.receipt_no AS "receiptNo"
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(round_id, receipt_no, files_key, cert_no)
         LEFT JOIN envelope_readings r
           ON r.round_id = x.round_id AND r.receipt_no = x.receipt_no
          AND r.files_key = x.files_key AND r.cert_no = x.cert_no AND r.reader_version = $5
        WHERE r.round_id IS NULL`,
      [
        envelopes.map((e) => e.roundId),
        envelopes.map((e) => e.receiptNo),
        envelopes.map((e) => e.filesKey),
        envelopes.map((e) => e.certNo),
        readerVersion,
      ],
    );
    return rows.map((r) => r.receiptNo);
  }

  /** The key and reader version the envelope was last read with, or null. */
  async readingOf(
    roundId: string,
    receiptNo: string,
  ): Promise<{ filesKey: string; readerVersion: number; certNo: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT files_key AS "filesKey", reader_version AS "readerVersion", cert_no AS "certNo"
         FROM envelope_readings WHERE round_id = $1 AND receipt_no = $2`,
      [roundId, receiptNo],
    );
    return row ?? null;
  }

  /**
   * Replaces what is known of an envelope's pages by this reading, in one transaction: the
   * display renditions' files, every page, and the key of the files read; `alsoWrite` runs in
   * the same transaction (the applicant's checks are bumped with it, so whoever sees the
   * reading also sees its checks due).
   */
  async saveReading<T>(
    roundId: string,
    receiptNo: string,
    reading: {
      filesKey: string;
      readerVersion: number;
      certNo: string;
      pages: ScanPageRow[];
      displays: { sha256: string; size: number; mediaType: string }[];
    },
    alsoWrite: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const { pages, displays } = reading;
    return this.dataSource.transaction(async (tx) => {
      if (displays.length > 0) {
        await tx.query(
          `INSERT INTO scan_files (sha256, size, media_type)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
          [
            displays.map((d) => d.sha256),
            displays.map((d) => d.size),
            displays.map((d) => d.mediaType),
          ],
        );
      }
      await tx.query(`DELETE FROM scan_pages WHERE round_id = $1 AND receipt_no = $2`, [
        roundId,
        receiptNo,
      ]);
      if (pages.length > 0) {
        await tx.query(
          `INSERT INTO scan_pages (round_id, receipt_no, page_no, file_name, file_page, sha256,
                                   display_sha256, width, height, kind, number, proof_kind, confidence,
                                   cues, orientation, skew, text, text_confidence, lines, words, seal,
                                   unread_reason)
           SELECT $1, $2, p.* FROM jsonb_to_recordset($3::jsonb) AS p(
                    "pageNo" int, "fileName" text, "filePage" int, sha256 text, "displaySha256" text,
                    width int, height int, kind text, number smallint, "proofKind" text, confidence real,
                    cues jsonb, orientation smallint, skew real, text text, "textConfidence" real,
                    lines jsonb, words jsonb, seal jsonb, "unreadReason" text)`,
          [roundId, receiptNo, JSON.stringify(pages)],
        );
      }
      await tx.query(
        `INSERT INTO envelope_readings (round_id, receipt_no, files_key, reader_version, cert_no,
                                        pages, unread_files)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (round_id, receipt_no) DO UPDATE
           SET files_key = EXCLUDED.files_key, reader_version = EXCLUDED.reader_version,
               cert_no = EXCLUDED.cert_no,
               pages = EXCLUDED.pages, unread_files = EXCLUDED.unread_files, read_at = now()`,
        [
          roundId,
          receiptNo,
          reading.filesKey,
          reading.readerVersion,
          reading.certNo,
          pages.length,
          pages.filter((p) => p.kind === 'unread').length,
        ],
      );
      return alsoWrite(tx);
    });
  }
}
