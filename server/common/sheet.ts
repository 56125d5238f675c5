import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { detectEncoding } from '../imports/csv/csv-source.js';
import type { FieldProblem } from './field-problem.js';

/** A sheet someone uploads or hands to the CLI: its header and its non-empty lines. */
export interface Sheet {
  header: string[];
  lines: { line: number; cells: string[] }[];
}

/** A cell as people type it: full-width digits and stray spaces do not matter. */
export const cleanCell = (value: string | undefined) => (value ?? '').normalize('NFKC').trim();

/** A problem of a sheet, naming file, line and column. */
export function sheetProblem(
  file: string,
  line: number,
  column: string,
  reason: string,
): FieldProblem {
  return {
    file,
    line,
    field: column,
    message: `${file} ${line} 行目${column ? ` ${column}` : ''}: ${reason}`,
  };
}

/**
 * Reads a small CSV sheet (UTF-8 with or without BOM, or CP932 as Excel saves it) whole:
 * header cleaned, empty lines skipped, each line with its number in the file. Returns a
 * problem instead when it is empty, not CSV, longer than `maxLines`, or lacks a column of
 * `required` (each given as the names a header may use).
 */
export function readSheet(
  bytes: Buffer,
  file: string,
  required: readonly (readonly string[])[],
  maxLines: number,
): { sheet: Sheet | null; problems: FieldProblem[] } {
  const encoding = detectEncoding(bytes.subarray(0, 64 * 1024));
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      sheet: null,
      problems: [sheetProblem(file, line, '', `CSV として読めません(${(error as Error).message})`)],
    };
  }
  if (records.length === 0) {
    const names = required.map((r) => r[0]).join(',');
    return {
      sheet: null,
      problems: [
        sheetProblem(file, 1, '', `ファイルが空です。1 行目に見出し(${names})を入れてください`),
      ],
    };
  }
  const header = records[0].record.map((h) => cleanCell(h));
  const missing = required.filter((names) => !header.some((h) => names.includes(h)));
  if (missing.length > 0) {
    return {
      sheet: null,
      problems: missing.map((names) =>
        sheetProblem(
          file,
          1,
          names[0],
          `見出しに「${names[0]}」の列がありません(見出し: ${header.join(', ')})`,
        ),
      ),
    };
  }
  if (records.length - 1 > maxLines) {
    return {
      sheet: null,
      problems: [
        sheetProblem(
          file,
          1,
          '',
          `行が多すぎます(${records.length - 1} 行)。${maxLines} 行までに分けてください`,
        ),
      ],
    };
  }
  const lines = records
    .slice(1)
    .filter(({ record }) => record.some((cell) => cleanCell(cell) !== ''))
    .map(({ record, info }) => ({ line: info.lines, cells: record }));
  return { sheet: { header, lines }, problems: [] };
}

/** The index of the first header among `names`, or -1. */
export function columnOf(sheet: Sheet, names: readonly string[]): number {
  return sheet.header.findIndex((h) => names.includes(h));
}
