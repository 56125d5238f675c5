import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faults (issue 17). `worker_heartbeats` has a row per worker process, written at its start and
 * every 15 s: health answers 503 when none was seen in the last minute. An import run records
 * when whoever runs it last showed signs of life (`heartbeat_at`, every 15 s while it runs) and
 * how many times the reconciler took it up again after its worker was lost (`resumed`), so an
 * import whose worker is gone is resumed, or marked failed once that happened too often.
 */
export class WorkerHeartbeats1765411000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1765411000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeats (
        -- host:pid:random of one worker process
        id          text        PRIMARY KEY,
        host        text        NOT NULL,
        pid         integer     NOT NULL,
        started_at  timestamptz NOT NULL DEFAULT now(),
        seen_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX worker_heartbeats_seen_idx ON worker_heartbeats (seen_at DESC)`);
    await q.query(`ALTER TABLE imports ADD COLUMN heartbeat_at timestamptz`);
    await q.query(
      `ALTER TABLE imports ADD COLUMN resumed smallint NOT NULL DEFAULT 0 CHECK (resumed >= 0)`,
    );
    await q.query(
      `CREATE INDEX imports_unfinished_idx ON imports (created_at) WHERE status IN ('queued', 'running')`,
    );
    // The reconciler looks for dossiers whose inputs are ahead of their last check.
    await q.query(
      `CREATE INDEX dossiers_unchecked_idx ON dossiers (round_id, cert_no)
        WHERE checked_version < inputs_version`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dossiers_unchecked_idx`);
    await q.query(`DROP INDEX imports_unfinished_idx`);
    await q.query(`ALTER TABLE imports DROP COLUMN resumed`);
    await q.query(`ALTER TABLE imports DROP COLUMN heartbeat_at`);
    await q.query(`DROP TABLE worker_heartbeats`);
  }
}
