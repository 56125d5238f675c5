import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reading of every scanned page (issue 16), replacing the seal detector's scan_analyses:
 * each page of an envelope, numbered from 1 in scan order across its files (a PDF gives one
 * row per page), with what it shows, its text and lines as read, the seal where one belongs,
 * and the upright page rendered for display. A file that cannot be read has one row saying why.
 * `envelope_readings` says which files (in order) and which reader version an envelope was
 * last read with, so the reconciler finds every envelope still to read.
 * Settings the secretariat changes in the console (the confidence above which proposals are
 * confirmed together) live in `settings`.
 */
export class ScanReadings1765300000000 implements MigrationInterface {
  name = 'ScanReadings1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scan_analyses`);
    // The seal detector added the JPEG pages of a scanned PDF as pages of their own; the reader
    // renders the PDF itself, so they would be read twice.
    await q.query(`DELETE FROM envelope_scans WHERE file_name ~ '\\.pdf#[0-9]+\\.jpg$'`);
    await q.query(`
      CREATE TABLE scan_pages (
        round_id        varchar(16) NOT NULL,
        receipt_no      text        NOT NULL,
        page_no         integer     NOT NULL CHECK (page_no >= 1),
        file_name       text        NOT NULL,
        file_page       integer     NOT NULL CHECK (file_page >= 1),
        sha256          char(64)    NOT NULL REFERENCES scan_files (sha256),
        -- The upright page as the console shows it (RGB PNG at most 1,240 px wide).
        display_sha256  char(64)    REFERENCES scan_files (sha256),
        -- The upright page read, in pixels: the coordinates of the boxes in lines and words.
        width           integer,
        height          integer,
        kind            varchar(16) NOT NULL CHECK (kind IN ('cover', 'form1', 'elearning', 'sheet',
                          'form3', 'attendance', 'palliative', 'name-change', 'letter', 'other', 'unread')),
        number          smallint,
        proof_kind      varchar(8)  CHECK (proof_kind IN ('proof', 'receipt', 'poster')),
        confidence      real        CHECK (confidence BETWEEN 0 AND 1),
        cues            jsonb       NOT NULL DEFAULT '[]',
        orientation     smallint    CHECK (orientation IN (0, 90, 180, 270)),
        skew            real,
        text            text        NOT NULL DEFAULT '',
        text_confidence real,
        -- Lines as read (text, confidence, box), without their words: what the findings read.
        lines           jsonb       NOT NULL DEFAULT '[]',
        -- Every word with its box and confidence, line by line.
        words           jsonb       NOT NULL DEFAULT '[]',
        seal            jsonb,
        unread_reason   text,
        read_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, receipt_no, page_no),
        CHECK ((kind = 'unread') = (unread_reason IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE envelope_readings (
        round_id        varchar(16) NOT NULL,
        receipt_no      text        NOT NULL,
        -- md5 of the envelope's files' sha256 in scan order: new or replaced files change it.
        files_key       char(32)    NOT NULL,
        reader_version  integer     NOT NULL,
        -- The applicant it was read for (their names are looked for): '' when unmatched.
        cert_no         text        NOT NULL,
        pages           integer     NOT NULL,
        unread_files    integer     NOT NULL,
        read_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, receipt_no)
      )`);
    await q.query(`
      CREATE TABLE settings (
        key         varchar(64) PRIMARY KEY,
        value       jsonb       NOT NULL,
        updated_by  varchar(80) NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settings`);
    await q.query(`DROP TABLE envelope_readings`);
    await q.query(`DROP TABLE scan_pages`);
    await q.query(`
      CREATE TABLE scan_analyses (
        round_id     varchar(16) NOT NULL,
        receipt_no   text        NOT NULL,
        file_name    text        NOT NULL,
        sha256       char(64)    NOT NULL REFERENCES scan_files (sha256),
        role         varchar(16) NOT NULL CHECK (role ~ '^(cover|other|sheet:[0-9]+)$'),
        proposal     varchar(8)  CHECK (proposal IN ('found', 'missing')),
        confidence   real        CHECK (confidence BETWEEN 0 AND 1),
        red_share    real,
        normalised_sha256 char(64) REFERENCES scan_files (sha256),
        analysed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, receipt_no, file_name),
        CHECK ((role = 'other') = (proposal IS NULL))
      )`);
  }
}
