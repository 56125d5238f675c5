import { neutraliseFormula } from './spreadsheet-cell.js';

/** A field of a CSV line (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One cell of a CSV Shinsa writes for people (exports, reports): text that a spreadsheet would
 * read as a formula is neutralised (common/spreadsheet-cell.ts), then the field quoted as needed.
 */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object' && !(value instanceof Date)
        ? JSON.stringify(value)
        : value instanceof Date
          ? value.toISOString()
          : String(value);
  return csvQuote(typeof value === 'string' ? neutraliseFormula(text) : text);
}
