import { searchKeyOf, searchTerms } from '../common/search-key.js';
import { CURRENT_REVISION, WORKPLACE } from './dossier-projection.js';

/** Runs one SQL statement: an EntityManager's or a QueryRunner's `query`. */
type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Writes `dossiers.search_key` (common/search-key.ts) of a round's dossiers, all of them or
 * those of the 認定番号 given: 認定番号, 氏名, カナ, 旧姓 and 勤務先 of the current revision,
 * folded in TypeScript as the typed search is. Called in the import's transaction after the
 * dossiers and masters are written (a facility renamed changes its applicants' keys), and by
 * the migration that made the column.
 */
export async function refreshSearchKeys(
  query: Query,
  roundId: string | null,
  certNos: readonly string[] | null,
): Promise<number> {
  const rows = (await query(
    `SELECT d.id::text AS id, d.search_key AS key,
            d.cert_no AS "certNo", d.family_name || d.given_name AS name,
            d.family_name_kana || d.given_name_kana AS kana,
            r.applicant->>'formerName' AS "formerName", ${WORKPLACE} AS workplace
       FROM dossiers d ${CURRENT_REVISION}
      WHERE ($1::text IS NULL OR d.round_id = $1) AND ($2::text[] IS NULL OR d.cert_no = ANY($2))`,
    [roundId, certNos],
  )) as {
    id: string;
    key: string;
    certNo: string;
    name: string;
    kana: string;
    formerName: string | null;
    workplace: string | null;
  }[];
  const changed = rows
    .map((r) => ({
      id: r.id,
      before: r.key,
      key: searchKeyOf([r.certNo, r.name, r.kana, r.formerName, r.workplace]),
    }))
    .filter((r) => r.key !== r.before);
  for (let start = 0; start < changed.length; start += 5000) {
    const chunk = changed.slice(start, start + 5000);
    await query(
      `UPDATE dossiers d SET search_key = u.key
         FROM unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE d.id = u.id`,
      [chunk.map((r) => r.id), chunk.map((r) => r.key)],
    );
  }
  return changed.length;
}

/**
 * The conditions of a typed search on the dossiers aliased `alias`: each word found in their
 * search key, through its trigram index (keys are [0-9A-Za-z]: nothing to escape for LIKE).
 */
export function searchKeyMatches(
  alias: string,
  typed: string,
  bind: (value: unknown) => string,
): string[] {
  return searchTerms(typed).map((term) => `${alias}.search_key LIKE ${bind(`%${term}%`)}`);
}
