import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's verification of each paper document of a dossier (rules.md doc.* rules): found,
 * missing or insufficient, with a note. One current row per item; the audit trail keeps every
 * change with before and after. `ref` is '' for the items about the whole dossier (doc.cover).
 */
export class DocumentChecks1764900000000 implements MigrationInterface {
  name = 'DocumentChecks1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_checks (
        dossier_id  bigint      NOT NULL REFERENCES dossiers (id),
        rule        varchar(32) NOT NULL CHECK (rule IN ('doc.cover', 'doc.seal', 'doc.elearning',
                                  'doc.attendance', 'doc.palliative', 'doc.name-change')),
        ref         text        NOT NULL CHECK (ref ~ '^(|sheet:[0-9]+|attendance:[0-9]+)$'),
        status      varchar(16) NOT NULL CHECK (status IN ('found', 'missing', 'insufficient')),
        -- A deficiency says what is wrong: it goes into the notice to the applicant.
        note        text        CHECK (status = 'found' OR btrim(coalesce(note, '')) <> ''),
        -- The dossier's revision the person looked at.
        revision    integer     NOT NULL,
        checked_by  varchar(80) NOT NULL,
        checked_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dossier_id, rule, ref)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_checks`);
  }
}
