import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee's decisions. A decision is never rewritten: a change adds a row and marks the
 * one it replaces as superseded, so the history stays. A decision reaches letters and lists
 * only once released (by a chair in the console; at once from the committee's sheet).
 */
export class Decisions1764600000000 implements MigrationInterface {
  name = 'Decisions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decisions (
        id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dossier_id        bigint      NOT NULL REFERENCES dossiers (id),
        decision          text        NOT NULL CHECK (decision IN ('合格', '不合格', '保留')),
        reason_codes      text[]      NOT NULL DEFAULT '{}',
        reason            text,
        -- The checks not passed when 合格 was decided against them (rules.md), with the reason.
        overridden_checks jsonb       NOT NULL DEFAULT '[]',
        revision          integer     NOT NULL,
        decided_by        varchar(80) NOT NULL,
        decided_at        timestamptz NOT NULL DEFAULT now(),
        released_by       varchar(80),
        released_at       timestamptz,
        superseded_at     timestamptz,
        CHECK (jsonb_array_length(overridden_checks) = 0 OR coalesce(btrim(reason), '') <> '')
      )`);
    // One current decision per dossier.
    await q.query(
      `CREATE UNIQUE INDEX decisions_current_idx ON decisions (dossier_id) WHERE superseded_at IS NULL`,
    );
    await q.query(`CREATE INDEX decisions_dossier_idx ON decisions (dossier_id, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decisions`);
  }
}
