import { MigrationInterface, QueryRunner } from 'typeorm';

/** Forced password change, failed-login counting and temporary locks on accounts. */
export class AccountSecurity1764300000000 implements MigrationInterface {
  name = 'AccountSecurity1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN must_change_password boolean     NOT NULL DEFAULT false,
        ADD COLUMN failed_logins        integer     NOT NULL DEFAULT 0,
        ADD COLUMN locked_until         timestamptz,
        ADD COLUMN password_changed_at  timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users DROP COLUMN must_change_password, DROP COLUMN failed_logins,
        DROP COLUMN locked_until, DROP COLUMN password_changed_at`);
  }
}
