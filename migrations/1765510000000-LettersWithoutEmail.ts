import { MigrationInterface, QueryRunner } from 'typeorm';

/** An export of letters may be only for those the e-mail outbox cannot reach (issue 19). */
export class LettersWithoutEmail1765510000000 implements MigrationInterface {
  name = 'LettersWithoutEmail1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE list_exports ADD COLUMN without_email_only boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE list_exports DROP COLUMN without_email_only`);
  }
}
