/**
 * Days and instants as formats.md writes them: every time is Japan time (UTC+9, no daylight
 * saving), every day a Japanese calendar day. Pure functions.
 */
const JST_OFFSET_MS = 9 * 3600 * 1000;

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** `YYYY-MM-DD`, a real calendar day. */
export function parseDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  return isValidCalendarDate(+m[1], +m[2], +m[3]) ? value.trim() : null;
}

/**
 * An ISO 8601 date-time. Without an offset it is Japan time (formats.md: every time is UTC+9).
 * Returns the instant, or null when it cannot be read.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      value.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', zone] = m;
  if (!isValidCalendarDate(+y, +mo, +d) || +h > 23 || +mi > 59 || +s > 59) return null;
  const offset = zone ?? '+09:00';
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset === 'Z' ? 'Z' : offset}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** An instant written in Japan time, as formats.md writes it: `2021-09-16T23:59:59+09:00`. */
export function formatJst(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+09:00');
}

/** The Japanese calendar day of an instant. */
export function jstDay(instant: Date): string {
  return formatJst(instant).slice(0, 10);
}

/** `2022-04-01` → `2022年4月1日` (letters and the console write days so). */
export function japaneseDate(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as a Japanese day and Japan time: `2021年6月27日 14:05`. */
export function japaneseDateTime(instant: Date): string {
  const jst = formatJst(instant);
  return `${japaneseDate(jst)} ${jst.slice(11, 16)}`;
}

/** An instant as spreadsheets read a date-time in Japan time: `2021/06/27 14:05:09`. */
export function spreadsheetDateTime(instant: Date): string {
  return formatJst(instant).slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}
