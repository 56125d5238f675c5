import { compactText } from './japanese-text.js';

/**
 * Search the way Japanese staff type: one folding for what is stored and what is typed, so
 * ﾔﾏｻﾞｷ, やまざき and ヤマザキ find the same applicant, 山崎 finds 山﨑, ２０２１ finds 2021.
 * Pure; the columns it fills are `dossiers.search_text` and `search_grams` (migration
 * DossierSearch).
 */

/** Small kana read as their full-size letters: ｷｮｳｺ and キヨウコ are both typed for one name. */
const SMALL_KANA: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};

/**
 * Text folded for searching: NFKC (half-width kana and full-width digits and letters), variant
 * kanji folded, spaces and middle dots dropped (common/japanese-text.ts), then lower case,
 * hiragana as katakana and small kana as full-size ones.
 */
export function searchFold(text: string): string {
  let out = '';
  for (const c of compactText(text).toLowerCase()) {
    const code = c.codePointAt(0)!;
    const kata =
      (code >= 0x3041 && code <= 0x3096) || code === 0x309d || code === 0x309e
        ? String.fromCodePoint(code + 0x60)
        : c;
    out += SMALL_KANA[kata] ?? kata;
  }
  return out;
}

/**
 * A record searched by several fields (認定番号, name, kana, workplace, …): each folded, apart,
 * so a term never matches across two of them. Empty fields are left out.
 */
export function searchTextOf(fields: readonly (string | null | undefined)[]): string {
  return fields
    .map((field) => searchFold(field ?? ''))
    .filter(Boolean)
    .join(' ');
}

/**
 * The grams a GIN index finds a search text by: every letter and every pair of neighbouring
 * letters of each field (pg_bigm's method, in core PostgreSQL: pg_trgm needs three letters,
 * and 山崎 and 高橋 have two, and it finds none in Japanese on a cluster whose locale is C).
 */
export function searchGramsOf(text: string): string[] {
  const grams = new Set<string>();
  for (const field of text.split(' ')) {
    const letters = [...field];
    letters.forEach((letter, i) => {
      grams.add(letter);
      if (i + 1 < letters.length) grams.add(letter + letters[i + 1]);
    });
  }
  return [...grams].sort();
}

/** A term as typed, folded, with the grams a text holding it must have. */
export interface SearchTerm {
  folded: string;
  grams: string[];
}

/** What was typed, a term per word: each must be found (山崎 がん研 → both). */
export function searchTerms(typed: string): SearchTerm[] {
  return typed
    .normalize('NFKC')
    .split(/\s+/)
    .map(searchFold)
    .filter(Boolean)
    .map((folded) => {
      const letters = [...folded];
      const grams =
        letters.length === 1 ? letters : letters.slice(1).map((letter, i) => letters[i] + letter);
      return { folded, grams: [...new Set(grams)].sort() };
    });
}
