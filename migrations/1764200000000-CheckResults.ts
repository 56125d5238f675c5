import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The results of the checks of rules.md: one row per rule and reference of a dossier, replaced
 * whole each time the dossier is judged, and the automatic verdict and counts on the dossier.
 */
export class CheckResults1764200000000 implements MigrationInterface {
  name = 'CheckResults1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE check_results (
        dossier_id  bigint      NOT NULL REFERENCES dossiers (id),
        position    integer     NOT NULL,
        rule        text        NOT NULL,
        ref         text,
        outcome     varchar(8)  NOT NULL CHECK (outcome IN ('pass', 'fail', 'review', 'pending')),
        message     text        NOT NULL,
        details     jsonb,
        revision    integer     NOT NULL,
        PRIMARY KEY (dossier_id, position)
      )`);
    await q.query(`CREATE INDEX check_results_rule_outcome_idx ON check_results (rule, outcome)`);
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
