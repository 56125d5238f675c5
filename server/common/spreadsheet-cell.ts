/**
 * Cells of every file Shinsa writes for a spreadsheet (CSV and xlsx), made safe to open: text
 * that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel as a formula
 * (`=HYPERLINK(…)` typed as a login name reached the audit CSV), so such text gets a leading `'`,
 * as OWASP recommends for CSV injection. Excel then shows it as text, with the `'` in a CSV.
 *
 * Left as they are: numbers written as numbers, and text that is a plain signed number
 * (`-1,000`, `+5`, `-3.5`), which a spreadsheet reads as that very number and nothing else.
 * Anything else is prefixed, phone numbers with a leading `+` included (`+81-3-1234-5678`
 * would otherwise be computed as a subtraction).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** The text of a cell as it can be written for a spreadsheet. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A cell value for a spreadsheet: text neutralised, numbers and the rest untouched. */
export function spreadsheetValue<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
