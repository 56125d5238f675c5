import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's reads of one round among many (issue 20). The list sorts the round's dossiers
 * by カナ (A→Z) or by last update (newest first, the verdict filter with it): without these,
 * every page read all of the round's rows from the heap and sorted them. Each index has the
 * list's ORDER BY as it is written (… NULLS LAST, then id, the tie-breaker), so a page is read
 * in index order and stops at its LIMIT.
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dossiers_round_verdict_updated_idx`);
    await q.query(`DROP INDEX dossiers_round_updated_idx`);
    await q.query(`DROP INDEX dossiers_round_kana_idx`);
  }
}
