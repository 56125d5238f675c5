import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters shared by every API process (login attempts per client address, password
 * changes per account): one row per key and fixed window, counted by one INSERT … ON CONFLICT.
 */
export class RateLimits1765409000000 implements MigrationInterface {
  name = 'RateLimits1765409000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        key           text        PRIMARY KEY,
        window_start  timestamptz NOT NULL,
        hits          integer     NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limits_window_start ON rate_limits (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
