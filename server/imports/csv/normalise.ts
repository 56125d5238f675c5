/**
 * Cell readers of formats.md, "Reading rules, for every file". Pure functions: each returns the
 * stored value, or throws a {@link CellError} whose message is the Japanese reason for the report,
 * written to follow the column name: 「年齢が」+「数値ではありません(「abc」)」.
 */

import { compareAddress } from '../../postal/address-agreement.js';

export class CellError extends Error {}

/**
 * A cell as a spreadsheet leaves it after opening and saving the file (Excel): a code that lost
 * its leading zeros, a date that lost its year. Refused like any unreadable cell, and counted:
 * a file where most rows show it was saved by a spreadsheet, and its bundle is refused whole.
 */
export class SpreadsheetDamage extends CellError {}

/** What to do about a file a spreadsheet saved, said after each such reason. */
export const SPREADSHEET_ADVICE =
  '元のファイル(書き出されたままの CSV)を Excel で開かずに取り込んでください';

/** The part of every lost-zeros reason that names the cause. */
export const LOST_ZEROS = '先頭の 0 が消えています (Excel で保存しましたか)';

/**
 * A code of `digits` digits, leading zeros kept (認定番号: 6), checked as read: all digits but
 * shorter, at least `shortest` long (a shorter one cannot have been such a code), it lost its
 * zeros. Returns the value; other values are left to the column's own reading.
 */
export function checkZeroPadded(
  value: string,
  digits: number,
  shortest = 1,
  onlyZeros = false,
  longest = digits - 1,
): string {
  if (
    /^\d+$/.test(value) &&
    value.length <= longest &&
    value.length < digits &&
    value.length >= shortest &&
    (!onlyZeros || /^0+$/.test(value))
  ) {
    throw new SpreadsheetDamage(
      `${digits} 桁ではありません(「${value}」。元は「${value.padStart(digits, '0')}」など)。${LOST_ZEROS}。${SPREADSHEET_ADVICE}`,
    );
  }
  return value;
}

/**
 * A postal code of six digits alone that lost its leading 0 to a spreadsheet: with the 0 back
 * it is a real code of the row's prefecture and city (`600001` at 北海道札幌市中央区 →
 * 060-0001). Six digits that are not fixed so are left as read, for the address rule.
 */
export function checkPostalCodeZeros(value: string, prefecture: unknown, address: unknown): string {
  if (!/^\d{6}$/.test(value)) return value;
  const restored = compareAddress({
    postalCode: `0${value}`,
    prefecture: typeof prefecture === 'string' ? prefecture : '',
    address: typeof address === 'string' ? address : '',
  });
  if (restored.kind === 'agrees') {
    const { code, place } = restored;
    throw new SpreadsheetDamage(
      `7 桁ではありません(「${value}」。「${code}」なら住所の ${place.prefecture}${place.city} の番号です)。${LOST_ZEROS}。${SPREADSHEET_ADVICE}`,
    );
  }
  return value;
}

const NON_ASCII = /[^\x20-\x7e]/;

/** NFKC first (skipped for printable ASCII, which it leaves as is), then trim: `２０２１／０９／３０` → `2021/09/30`, full-width spaces included. */
export function nfkc(raw: string): string {
  return NON_ASCII.test(raw) ? raw.normalize('NFKC').trim() : raw.trim();
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

const DATE_FORMS = [/^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/];
const YEAR_MONTH_FORMS = [/^(\d{4})[/-](\d{1,2})$/, /^(\d{4})年(\d{1,2})月$/];
/** A phone number in Japan begins with 0: nine or ten digits alone without it lost it. */
export function checkDomesticPhone(value: string): string {
  if (/^[1-9]\d{8,9}$/.test(value)) {
    throw new SpreadsheetDamage(
      `0 で始まっていません(「${value}」。元は「0${value}」)。${LOST_ZEROS}。${SPREADSHEET_ADVICE}`,
    );
  }
  return value;
}

/** A month and a day without the year, as Excel shows a date it reformatted: `6月27日`, `6/27`. */
const YEARLESS_FORMS = [/^(\d{1,2})月(\d{1,2})日$/, /^(\d{1,2})[/-](\d{1,2})$/];
/** A two-digit year, as Excel's short date formats write it: `21/6/27`. */
const SHORT_YEAR_FORM = /^(\d{2})[/-](\d{1,2})[/-](\d{1,2})$/;
const TIME_FORM = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `2021/09/30`, `2021-09-30`, `2021年9月30日` (after NFKC) → `2021-09-30`. */
export function parseDate(value: string): string {
  for (const form of DATE_FORMS) {
    const m = form.exec(value);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isRealDay(y, mo, d)) throw new CellError(`存在しない日付です(「${value}」)`);
    return `${m[1]}-${pad2(mo)}-${pad2(d)}`;
  }
  if (YEARLESS_FORMS.some((form) => form.test(value))) {
    throw new SpreadsheetDamage(
      `日付の年がありません(「${value}」)。年が消えています (Excel で保存しましたか)。${SPREADSHEET_ADVICE}`,
    );
  }
  if (SHORT_YEAR_FORM.test(value)) {
    throw new SpreadsheetDamage(
      `日付の年が 2 桁です(「${value}」。2021/09/30 のように 4 桁にしてください)。Excel で保存しましたか。${SPREADSHEET_ADVICE}`,
    );
  }
  throw new CellError(
    `日付として読めません(「${value}」。2021/09/30、2021-09-30、2021年9月30日 の形にしてください)`,
  );
}

/** `2021/09`, `2021-09`, `2021年9月` → `2021-09`. */
export function parseYearMonth(value: string): string {
  for (const form of YEAR_MONTH_FORMS) {
    const m = form.exec(value);
    if (!m) continue;
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new CellError(`年月の月が 1〜12 ではありません(「${value}」)`);
    return `${m[1]}-${pad2(mo)}`;
  }
  throw new CellError(
    `年月として読めません(「${value}」。2021/09、2021-09、2021年9月 の形にしてください)`,
  );
}

/**
 * A date, a space, `HH:MM` or `HH:MM:SS`, Japan time → ISO 8601 with +09:00, e.g.
 * `2021-09-16T23:59:00+09:00`. A date alone is not a date-time.
 */
export function parseDateTime(value: string): string {
  const space = value.search(/\s/);
  if (space < 0) {
    throw new CellError(
      `日時として読めません(「${value}」。日付と時刻を空白で区切ってください。例: 2021/09/16 23:59)`,
    );
  }
  const day = parseDate(value.slice(0, space));
  const m = TIME_FORM.exec(value.slice(space).trim());
  if (!m) {
    throw new CellError(`時刻が読めません(「${value}」。HH:MM または HH:MM:SS にしてください)`);
  }
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) throw new CellError(`存在しない時刻です(「${value}」)`);
  return `${day}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+09:00`;
}

/** A whole number, e.g. an age or an amount (`11,000` allowed). */
export function parseInteger(value: string): number {
  const digits = value.replace(/,/g, '');
  if (!/^-?\d+$/.test(digits)) throw new CellError(`数値ではありません(「${value}」)`);
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new CellError(`数値が大きすぎます(「${value}」)`);
  return n;
}
