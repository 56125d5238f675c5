import { compactText } from './japanese-text.js';

/**
 * Search the way Japanese staff type: one folding for what is stored and what is typed, so
 * ﾔﾏｻﾞｷ, やまざき and ヤマザキ find the same applicant, 山崎 finds 山﨑, ２０２１ finds 2021.
 * Pure; the column it fills is `dossiers.search_key` (migration DossierSearch).
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

/** Letters per character in a key: 36³ × 24 leads covers every code point. */
const BASE = 36 ** 3;

/**
 * Text as a search key: each character of {@link searchFold} written as four ASCII letters, an
 * upper-case lead and three of [0-9a-z]. Why not the characters themselves: pg_trgm needs three
 * characters for a trigram (the commonest searches, 山崎 and 高橋, have two) and finds none in
 * Japanese text on a cluster whose locale is C (as an embedded cluster can be); in this form a
 * single character is four letters the trigram index finds. A match in a key starts only at a
 * lead (the one upper-case letter of each character), so it never straddles two characters.
 */
export function searchKey(text: string): string {
  let out = '';
  for (const c of searchFold(text)) {
    const code = c.codePointAt(0)!;
    out +=
      String.fromCharCode(65 + Math.floor(code / BASE)) +
      (code % BASE).toString(36).padStart(3, '0');
  }
  return out;
}

/**
 * The key of a record searched by several fields (認定番号, name, kana, workplace, …): their
 * keys apart, so a term never matches across two of them. Empty fields are left out.
 */
export function searchKeyOf(fields: readonly (string | null | undefined)[]): string {
  return fields
    .map((field) => searchKey(field ?? ''))
    .filter(Boolean)
    .join(' ');
}

/** The keys of what was typed, a term per word: each must be found (山崎 がん研 → both). */
export function searchTerms(typed: string): string[] {
  return typed.normalize('NFKC').split(/\s+/).map(searchKey).filter(Boolean);
}
