import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of patient data (issue 20): a round keeps its case details (age, sex, diagnoses,
 * the case sheets' scans and their text) for so many years after its renewal date; then they
 * are purged, leaving counts, decisions and the audit trail. A purged scan keeps its row (pages
 * and envelopes still point at it) with the moment its bytes were deleted.
 */
export class CaseRetention1765430000000 implements MigrationInterface {
  name = 'CaseRetention1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rounds
        ADD COLUMN case_retention_years   smallint NOT NULL DEFAULT 5
          CHECK (case_retention_years BETWEEN 1 AND 50),
        ADD COLUMN case_details_purged_at timestamptz,
        ADD COLUMN case_details_purged_by varchar(80)`);
    await q.query(`ALTER TABLE scan_files ADD COLUMN purged_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scan_files DROP COLUMN purged_at`);
    await q.query(`
      ALTER TABLE rounds
        DROP COLUMN case_details_purged_by,
        DROP COLUMN case_details_purged_at,
        DROP COLUMN case_retention_years`);
  }
}
