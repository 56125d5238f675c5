import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's reads of one round among many (issue 20). The list sorts the round's dossiers
 * by カナ (A→Z) or by last update (newest first, the verdict filter with it): without these,
 * every page read all of the round's rows from the heap and sorted them. Each index has the
 * list's ORDER BY as it is written (… NULLS LAST, then id, the tie-breaker), so a page is read
 * in index order and stops at its LIMIT.
 *
 * The list's decision filters (none yet, 保留, …) and the dashboard looked for the current
 * decisions of the round's dossiers among every round's: a hash of all decisions, growing
 * with each round. decisions.round_id (its dossier's, filled by a trigger, so every writer and
 * every SQL insert gets it; a dossier never changes round) lets them read only the round's,
 * from a partial index with what they test.
 */
export class RoundReadIndexes1765520000033 implements MigrationInterface {
  name = 'RoundReadIndexes1765520000033';

  async up(q: QueryRunner): Promise<void> {
    // The expression is the list's sort key (dossier.repository.ts DOSSIER_SORT.kana) verbatim.
    await q.query(
      `CREATE INDEX dossiers_round_kana_idx ON dossiers (round_id, (family_name_kana || given_name_kana), id)`,
    );
    await q.query(
      `CREATE INDEX dossiers_round_updated_idx ON dossiers (round_id, updated_at DESC NULLS LAST, id)`,
    );
    await q.query(
      `CREATE INDEX dossiers_round_verdict_updated_idx ON dossiers (round_id, verdict, updated_at DESC NULLS LAST, id)`,
    );

    await q.query(`ALTER TABLE decisions ADD COLUMN round_id varchar(16)`);
    await q.query(
      `UPDATE decisions x SET round_id = d.round_id FROM dossiers d WHERE d.id = x.dossier_id`,
    );
    await q.query(`ALTER TABLE decisions ALTER COLUMN round_id SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION decisions_round_of_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.round_id := (SELECT d.round_id FROM dossiers d WHERE d.id = NEW.dossier_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER decisions_round_of_dossier BEFORE INSERT OR UPDATE OF dossier_id ON decisions
        FOR EACH ROW EXECUTE FUNCTION decisions_round_of_dossier()`);
    await q.query(
      `CREATE INDEX decisions_round_current_idx ON decisions (round_id, dossier_id)
         INCLUDE (decision, released_at) WHERE superseded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_round_current_idx`);
    await q.query(`DROP TRIGGER decisions_round_of_dossier ON decisions`);
    await q.query(`DROP FUNCTION decisions_round_of_dossier()`);
    await q.query(`ALTER TABLE decisions DROP COLUMN round_id`);
    await q.query(`DROP INDEX dossiers_round_verdict_updated_idx`);
    await q.query(`DROP INDEX dossiers_round_updated_idx`);
    await q.query(`DROP INDEX dossiers_round_kana_idx`);
  }
}
