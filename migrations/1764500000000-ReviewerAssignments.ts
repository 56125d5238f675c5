import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewer assignment. A reviewer's workplace (a facility number of the board's list, or a
 * name) is what conflicts of interest are found against; an assignment made despite a
 * conflict keeps the conflicts found and the admin's reason.
 */
export class ReviewerAssignments1764500000000 implements MigrationInterface {
  name = 'ReviewerAssignments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN workplace_facility_no text,
        ADD COLUMN workplace_name        text,
        ADD COLUMN last_login_at         timestamptz`);
    await q.query(`
      CREATE TABLE assignments (
        id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dossier_id       bigint      NOT NULL REFERENCES dossiers (id),
        reviewer_id      integer     NOT NULL REFERENCES users (id),
        assigned_by      varchar(80) NOT NULL,
        assigned_at      timestamptz NOT NULL DEFAULT now(),
        -- The conflicts of interest an admin overrode, and why; empty when there were none.
        conflicts        jsonb       NOT NULL DEFAULT '[]',
        override_reason  text,
        CHECK (jsonb_array_length(conflicts) = 0 OR coalesce(btrim(override_reason), '') <> ''),
        UNIQUE (dossier_id, reviewer_id)
      )`);
    await q.query(`CREATE INDEX assignments_reviewer_idx ON assignments (reviewer_id, dossier_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignments`);
    await q.query(`
      ALTER TABLE users DROP COLUMN workplace_facility_no, DROP COLUMN workplace_name,
        DROP COLUMN last_login_at`);
  }
}
