import { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshSearchText } from '../server/dossiers/dossier-search.js';

/**
 * Search the way Japanese staff type (issue 18). `dossiers.search_text` holds the applicant's
 * 認定番号, 氏名, カナ, 旧姓 and 勤務先 folded (kana of any width and script as katakana, variant
 * kanji as one, full-width digits as digits: common/search-text.ts), `search_grams` its letters
 * and pairs of letters. The import writes both; a typed word, folded the same way, is found
 * through a GIN index on the grams, then by LIKE in the text. Not pg_trgm: it needs three
 * letters where the commonest names (山崎, 高橋) have two, and it reads no Japanese letters at
 * all on a cluster whose locale is C. Existing dossiers get theirs here.
 */
export class DossierSearch1765416160000 implements MigrationInterface {
  name = 'DossierSearch1765416160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dossiers ADD COLUMN search_text  text   NOT NULL DEFAULT '',
                           ADD COLUMN search_grams text[] NOT NULL DEFAULT '{}'`);
    await refreshSearchText((sql, params) => q.query(sql, params), null, null);
    await q.query(`CREATE INDEX dossiers_search_grams_idx ON dossiers USING gin (search_grams)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dossiers_search_grams_idx`);
    await q.query(`ALTER TABLE dossiers DROP COLUMN search_text, DROP COLUMN search_grams`);
  }
}
