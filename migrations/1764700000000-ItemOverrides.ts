import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reviewer's acceptance or rejection of a single case or attendance against the automatic
 * result (rules.md), always with a reason. One current row per item; the audit trail keeps
 * every change with before and after.
 */
export class ItemOverrides1764700000000 implements MigrationInterface {
  name = 'ItemOverrides1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE item_overrides (
        dossier_id  bigint      NOT NULL REFERENCES dossiers (id),
        ref         text        NOT NULL CHECK (ref ~ '^(case:[0-9]+-[0-9]+|attendance:[0-9]+)$'),
        accepted    boolean     NOT NULL,
        reason      text        NOT NULL CHECK (btrim(reason) <> ''),
        -- The dossier's revision the reviewer looked at.
        revision    integer     NOT NULL,
        decided_by  varchar(80) NOT NULL,
        decided_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dossier_id, ref)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE item_overrides`);
  }
}
