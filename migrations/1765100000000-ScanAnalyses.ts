import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the automatic reading of each scanned page proposed (the seal detector): found or
 * missing with a confidence, for a person to confirm; and the page normalised for display. Keyed by the page; the sha256 and the
 * page's role say what was read, so a replaced page or a changed role is read again.
 */
export class ScanAnalyses1765100000000 implements MigrationInterface {
  name = 'ScanAnalyses1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scan_analyses (
        round_id     varchar(16) NOT NULL,
        receipt_no   text        NOT NULL,
        file_name    text        NOT NULL,
        sha256       char(64)    NOT NULL REFERENCES scan_files (sha256),
        -- 'cover', 'sheet:N' or 'other' (not analysed for a seal).
        role         varchar(16) NOT NULL CHECK (role ~ '^(cover|other|sheet:[0-9]+)$'),
        proposal     varchar(8)  CHECK (proposal IN ('found', 'missing')),
        confidence   real        CHECK (confidence BETWEEN 0 AND 1),
        red_share    real,
        -- The page as the console shows it (RGB PNG at most 1,240 px wide), when it differs.
        normalised_sha256 char(64) REFERENCES scan_files (sha256),
        analysed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, receipt_no, file_name),
        CHECK ((role = 'other') = (proposal IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scan_analyses`);
  }
}
