import { likeLiteral } from '../common/list-query.js';
import { searchGramsOf, searchTerms, searchTextOf } from '../common/search-text.js';
import { CURRENT_REVISION, WORKPLACE } from './dossier-projection.js';

/** Runs one SQL statement: an EntityManager's or a QueryRunner's `query`. */
type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Writes `dossiers.search_text` and `search_grams` (common/search-key.ts) of a round's dossiers,
 * all of them or those of the 認定番号 given: 認定番号, 氏名, カナ, 旧姓 and 勤務先 of the current
 * revision, folded in TypeScript as the typed search is. Called in the import's transaction
 * after the dossiers and masters are written (a facility renamed changes its applicants'
 * text), and by the migration that made the columns. Returns how many changed.
 */
export async function refreshSearchText(
  query: Query,
  roundId: string | null,
  certNos: readonly string[] | null,
): Promise<number> {
  const rows = (await query(
    `SELECT d.id::text AS id, d.search_text AS before,
            d.cert_no AS "certNo", d.family_name || d.given_name AS name,
            d.family_name_kana || d.given_name_kana AS kana,
            r.applicant->>'formerName' AS "formerName", ${WORKPLACE} AS workplace
       FROM dossiers d ${CURRENT_REVISION}
      WHERE ($1::text IS NULL OR d.round_id = $1) AND ($2::text[] IS NULL OR d.cert_no = ANY($2))`,
    [roundId, certNos],
  )) as {
    id: string;
    before: string;
    certNo: string;
    name: string;
    kana: string;
    formerName: string | null;
    workplace: string | null;
  }[];
  const changed = rows
    .map((r) => ({
      id: r.id,
      before: r.before,
      text: searchTextOf([r.certNo, r.name, r.kana, r.formerName, r.workplace]),
    }))
    .filter((r) => r.text !== r.before);
  for (let start = 0; start < changed.length; start += 2000) {
    const chunk = changed.slice(start, start + 2000);
    // The grams go as one text each ('{…}' array literals): unnest of a text[][] flattens.
    await query(
      `UPDATE dossiers d SET search_text = u.text, search_grams = u.grams::text[]
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, text, grams) WHERE d.id = u.id`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.text),
        chunk.map((r) => arrayLiteral(searchGramsOf(r.text))),
      ],
    );
  }
  return changed.length;
}

/** A PostgreSQL array literal of texts, each quoted. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * The conditions of a typed search on the dossiers aliased `alias`, a pair per word: the
 * grams it has, which the GIN index finds, and the word itself in the text (the grams of a
 * word can all be there without it).
 */
export function searchTextMatches(
  alias: string,
  typed: string,
  bind: (value: unknown) => string,
): string[] {
  return searchTerms(typed).map(
    (term) =>
      `(${alias}.search_grams @> ${bind(term.grams)}::text[] AND ${alias}.search_text LIKE ${bind(`%${likeLiteral(term.folded)}%`)})`,
  );
}
