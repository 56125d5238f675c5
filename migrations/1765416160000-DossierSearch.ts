import { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshSearchKeys } from '../server/dossiers/dossier-search-keys.js';

/**
 * Search the way Japanese staff type (issue 18). `dossiers.search_key` holds the applicant's
 * 認定番号, 氏名, カナ, 旧姓 and 勤務先 folded (kana of any width and script as one, variant kanji
 * as one, full-width digits as digits) and written as ASCII letters (common/search-key.ts says
 * why); the import writes it, and a typed term is folded the same way and found with LIKE
 * through a pg_trgm GIN index. pg_trgm is a trusted extension: the database's owner may create
 * it. Existing dossiers get their keys here.
 */
export class DossierSearch1765416160000 implements MigrationInterface {
  name = 'DossierSearch1765416160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE dossiers ADD COLUMN search_key text NOT NULL DEFAULT ''`);
    await refreshSearchKeys((sql, params) => q.query(sql, params), null, null);
    await q.query(
      `CREATE INDEX dossiers_search_key_idx ON dossiers USING gin (search_key gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dossiers_search_key_idx`);
    await q.query(`ALTER TABLE dossiers DROP COLUMN search_key`);
  }
}
