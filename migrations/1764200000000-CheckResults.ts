import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The results of the checks of rules.md, replaced whole each time a dossier is judged, and the
 * automatic verdict and counts on the dossier.
 */
export class CheckResults1764200000000 implements MigrationInterface {
  name = 'CheckResults1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per dossier: its results as JSON, in rule order. Writing 5,000 rows instead of
    // ~900,000 (one per rule and reference) is what lets the checks keep up with an import.
    // not_passed lists the rules with an outcome other than pass, for filtering lists by rule.
    await q.query(`
      CREATE TABLE check_results (
        dossier_id  bigint      PRIMARY KEY REFERENCES dossiers (id),
        revision    integer     NOT NULL,
        results     jsonb       NOT NULL,
        not_passed  text[]      NOT NULL,
        checked_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX check_results_not_passed_idx ON check_results USING gin (not_passed)`,
    );
    await q.query(`
      ALTER TABLE dossiers
        ADD COLUMN verdict     varchar(8) CHECK (verdict IN ('pass', 'fail', 'review')),
        ADD COLUMN counts      jsonb,
        ADD COLUMN checked_at  timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE dossiers DROP COLUMN verdict, DROP COLUMN counts, DROP COLUMN checked_at`,
    );
    await q.query(`DROP TABLE check_results`);
  }
}
