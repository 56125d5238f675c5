import { compactText, normaliseText } from '../../common/japanese-text.js';

/**
 * Japanese text as OCR gives it, compared through common/japanese-text.ts (NFKC, variant kanji
 * folded, spacing dropped): fuzzy search for OCR noise; dates in 和暦 and 西暦. Pure.
 */

/** Levenshtein distance, bounded: returns max + 1 as soon as it is certain to exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (row[j] < best) best = row[j];
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length];
}

export interface FuzzyMatch {
  /** Letters of the compacted haystack where the best match starts and ends (exclusive). */
  start: number;
  end: number;
  /** Edits between the needle and that stretch. */
  distance: number;
  /** 1 for an exact match, falling with each edit. */
  score: number;
}

/**
 * Where `needle` occurs in `haystack` with the fewest edits (both compacted), or null when
 * every stretch needs more than `maxRatio` of the needle's length in edits (OCR noise: a letter
 * misread, dropped or added here and there). Semi-global alignment: the match may start and end
 * anywhere in the haystack.
 */
export function fuzzyFind(haystack: string, needle: string, maxRatio = 0.25): FuzzyMatch | null {
  const h = [...compactText(haystack)];
  const n = [...compactText(needle)];
  if (n.length === 0) return null;
  const max = Math.floor(n.length * maxRatio);
  // cost[j]: edits to match needle[0..j) ending at the current haystack letter; start[j] where.
  let cost = Array.from({ length: n.length + 1 }, (_, j) => j);
  let start = new Array<number>(n.length + 1).fill(0);
  let best: FuzzyMatch | null = null;
  for (let i = 1; i <= h.length; i++) {
    const nextCost = [0];
    const nextStart = [i];
    for (let j = 1; j <= n.length; j++) {
      const substitute = cost[j - 1] + (h[i - 1] === n[j - 1] ? 0 : 1);
      const skipHay = cost[j] + 1;
      const skipNeedle = nextCost[j - 1] + 1;
      if (substitute <= skipHay && substitute <= skipNeedle) {
        nextCost[j] = substitute;
        nextStart[j] = start[j - 1];
      } else if (skipHay <= skipNeedle) {
        nextCost[j] = skipHay;
        nextStart[j] = start[j];
      } else {
        nextCost[j] = skipNeedle;
        nextStart[j] = nextStart[j - 1];
      }
    }
    cost = nextCost;
    start = nextStart;
    const d = cost[n.length];
    if (d <= max && (!best || d < best.distance)) {
      best = { start: start[n.length], end: i, distance: d, score: 1 - d / n.length };
      if (d === 0) break;
    }
  }
  return best;
}

/** Whether `needle` occurs in `haystack`, allowing OCR noise (see {@link fuzzyFind}). */
export function fuzzyContains(haystack: string, needle: string, maxRatio = 0.25): boolean {
  return fuzzyFind(haystack, needle, maxRatio) !== null;
}

/** A calendar date, month and day from 1. */
export interface TextDate {
  year: number;
  month: number;
  day: number;
  /** The text it was read from. */
  text: string;
}

const ERAS: Record<string, number> = {
  令和: 2018,
  R: 2018,
  平成: 1988,
  H: 1988,
  昭和: 1925,
  S: 1925,
};

/**
 * Every date written in the text: 2021年10月21日, 令和3年10月21日 (元年 too), 2021/10/21,
 * 2021-10-21, 2021.10.21, R3.10.21, H31.4.30; a range's end (2021年10月21日～23日, …～10月23日)
 * is a date too. After NFKC, so ２０２１ and ⑳②① read as 2021. Impossible dates are dropped.
 */
export function extractDates(text: string): TextDate[] {
  // Also with numbers the OCR read apart kept apart: a speck read as 8 before 2018/05/16 is
  // not part of the year (tesseract spaces the words, not the digits of one number).
  const apart = normaliseText(text).replace(/(?<=\d)[\s\u3000]+(?=\d)/g, '|');
  const seen = new Set<string>();
  const dates: TextDate[] = [];
  for (const date of [...datesIn(text), ...datesIn(apart)]) {
    const key = `${date.year}-${date.month}-${date.day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dates.push(date);
  }
  return dates;
}

function datesIn(text: string): TextDate[] {
  const t = compactText(text).replace(/[〜~～－—―ー]/g, '~');
  const found: { at: number; date: TextDate }[] = [];
  const push = (at: number, year: number, month: number, day: number, raw: string) => {
    if (isRealDate(year, month, day)) found.push({ at, date: { year, month, day, text: raw } });
  };
  const kanji =
    /(令和|平成|昭和)?(\d{1,4}|元)年(\d{1,2})月(\d{1,2})日(?:\([^)]{0,3}\))?(?:~(?:(\d{1,2})月)?(\d{1,2})日)?/g;
  for (const m of t.matchAll(kanji)) {
    const era = m[1];
    const y = m[2] === '元' ? 1 : Number(m[2]);
    const year = era ? ERAS[era] + y : y;
    if (!era && year < 1900) continue;
    const month = Number(m[3]);
    push(m.index, year, month, Number(m[4]), m[0]);
    if (m[6]) push(m.index + 1, year, m[5] ? Number(m[5]) : month, Number(m[6]), m[0]);
  }
  // Not inside a longer number (3.2021.10.21); a stray dot read before the date is no digit.
  const numeric =
    /(?<!\d)(?<!\d\.)(?:([RHS])(\d{1,2})|(\d{4}))[./-](\d{1,2})[./-](\d{1,2})(?![\d])/g;
  for (const m of t.matchAll(numeric)) {
    const year = m[1] ? ERAS[m[1]] + Number(m[2]) : Number(m[3]);
    push(m.index, year, Number(m[4]), Number(m[5]), m[0]);
  }
  // A slash the OCR read as 7 or 1 (2019/03710 for 2019/03/10): only in a system's zero-padded
  // yyyy/mm/dd, the other slash read as one, where no other reading makes a date.
  const slashMisread = /(?<![\d.])(\d{4})(?:\/(\d{2})[71]|[71](\d{2})\/)(\d{2})(?!\d)/g;
  for (const m of t.matchAll(slashMisread)) {
    push(m.index, Number(m[1]), Number(m[2] ?? m[3]), Number(m[4]), m[0]);
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.date);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2021-10-21` of a date, for comparing with master data. */
export function isoDate(date: Pick<TextDate, 'year' | 'month' | 'day'>): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
