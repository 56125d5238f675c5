import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: every change (who, when, what, before and after), append-only. A trigger
 * refuses UPDATE and DELETE, so not even the application can rewrite history.
 */
export class AuditTrail1764400000000 implements MigrationInterface {
  name = 'AuditTrail1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        actor        varchar(80) NOT NULL,
        action       varchar(64) NOT NULL,
        entity       varchar(32) NOT NULL,
        entity_id    text,
        round_id     varchar(16),
        cert_no      text,
        before       jsonb,
        after        jsonb,
        ip           varchar(64)
      )`);
    await q.query(`CREATE INDEX audit_events_at_idx ON audit_events (at DESC)`);
    await q.query(
      `CREATE INDEX audit_events_dossier_idx ON audit_events (round_id, cert_no, at DESC)`,
    );
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
