import iconv from 'iconv-lite';

/**
 * Characters that CP932 (Windows' Shift_JIS) holds under another code point than the Unicode
 * one a Mac, a web form or a JIS-based converter gives: the WAVE DASH family. Each is written
 * as CP932's own character, which looks the same, rather than lost as `?`.
 */
const CP932_FORMS: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  '\u2212': '\uFF0D', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u00A6': '\uFFE4', // ¦ → ￤
};
const CP932_FORM_PATTERN = new RegExp(`[${Object.keys(CP932_FORMS).join('')}]`, 'g');

/** The text with the WAVE DASH family in CP932's forms (`〜` → `～`), before encoding it. */
export function toCp932Forms(text: string): string {
  return text.replace(CP932_FORM_PATTERN, (ch) => CP932_FORMS[ch]);
}

/** The characters of a text (already in CP932's forms) that CP932 cannot hold, each once. */
export function notInCp932(text: string): string {
  return [
    ...new Set([...text].filter((ch) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch)),
  ].join('');
}

/** The text in CP932 bytes, its WAVE DASH family mapped first. */
export function encodeCp932(text: string): Buffer {
  return iconv.encode(toCp932Forms(text), 'cp932');
}

/**
 * How many bytes a text takes in CP932 once mapped (1 for ASCII and half-width kana, 2 for the
 * rest): label tools count their field limits so. A character CP932 cannot hold counts as the
 * one `?` it would become.
 */
export function cp932ByteLength(text: string): number {
  return iconv.encode(toCp932Forms(text), 'cp932').length;
}
