import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's filters (issue 18): who did it and what was done, newest first, each with an
 * index of its own; a dossier's events already have theirs (round_id, cert_no, at).
 */
export class AuditLogFilters1765420000023 implements MigrationInterface {
  name = 'AuditLogFilters1765420000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor, at DESC)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_action_idx`);
    await q.query(`DROP INDEX audit_events_actor_idx`);
  }
}
