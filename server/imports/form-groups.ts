import { createHash } from 'node:crypto';
import type { FileSpec } from './csv/file-specs.js';
import type { Row } from './csv/row-reader.js';

/** The rows one form file holds for one dossier, ready to store. */
export interface FormGroup {
  /** File lines of the rows, for the report. */
  lines: number[];
  /** The form as stored: JSON of the row (applicants.csv) or of the rows sorted by their key. */
  json: string;
  /** SHA-256 of `json`. */
  hash: string;
  /** applicants.csv only: the row itself (names, dates). */
  row?: Row;
}

/** The rows of each form are kept in the order of their key on the printed form. */
const SORT_FIELDS: Record<string, readonly string[]> = {
  'case_sheets.csv': ['sheetNo'],
  'cases.csv': ['sheetNo', 'caseNo'],
  'attendances.csv': ['no'],
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where a row goes among its dossier's rows of the same form (0 for applicants.csv). */
export function sortKeyOf(spec: FileSpec, row: Row): number {
  let sortKey = 0;
  for (const f of SORT_FIELDS[spec.file] ?? []) sortKey = sortKey * 100000 + (row[f] as number);
  return sortKey;
}

/**
 * A dossier's form from its rows' JSON in stored order: the rows as an array, or, for a form of
 * one row (applicants.csv: a second one was refused as a duplicate key), that row itself.
 */
function formGroupOf(
  entries: readonly { line: number; json: string }[],
  asArray = true,
): FormGroup {
  const json = asArray ? `[${entries.map((e) => e.json).join(',')}]` : entries[0].json;
  return {
    lines: asArray ? entries.map((e) => e.line) : [entries[0].line],
    json,
    hash: sha256(json),
  };
}

/** A staged row of a form file, read back in its dossier's order (import.repository.ts). */
export interface StagedFormRow {
  certNo: string;
  line: number;
  json: string;
}

/**
 * The groups of staged rows, as FormGrouper gives them: `rows` come ordered by 認定番号, then
 * by their sort key and line, so a dossier's rows are consecutive and in stored order.
 */
export function groupStagedRows(
  spec: FileSpec,
  rows: readonly StagedFormRow[],
): Map<string, FormGroup> {
  const groups = new Map<string, FormGroup>();
  const sorted = Boolean(SORT_FIELDS[spec.file]);
  for (let start = 0; start < rows.length;) {
    const certNo = rows[start].certNo;
    let end = start + 1;
    while (end < rows.length && rows[end].certNo === certNo) end++;
    const part = rows.slice(start, end);
    groups.set(
      certNo,
      sorted ? formGroupOf(part) : { ...formGroupOf(part, false), row: JSON.parse(part[0].json) },
    );
    start = end;
  }
  return groups;
}

/**
 * Groups a form file's rows by 認定番号 as they are read, turning each row into its stored JSON
 * at once, so the many row objects can be let go (a bundle of 5,000 dossiers holds 115,000
 * cases). The 認定番号 belongs to the dossier and is left out of the rows. Fields keep the column
 * order of formats.md and rows the order of their key, so the same content always gives the
 * same JSON and hash.
 */
export class FormGrouper {
  private readonly byCert = new Map<
    string,
    { sortKey: number; line: number; json: string; row?: Row }[]
  >();
  private readonly sortFields: readonly string[] | undefined;

  constructor(private readonly spec: FileSpec) {
    this.sortFields = SORT_FIELDS[spec.file];
  }

  add(line: number, row: Row): void {
    const certNo = row.certNo as string;
    delete row.certNo;
    const sortKey = sortKeyOf(this.spec, row);
    const entry = {
      sortKey,
      line,
      json: JSON.stringify(row),
      row: this.sortFields ? undefined : row,
    };
    const list = this.byCert.get(certNo);
    if (list) list.push(entry);
    else this.byCert.set(certNo, [entry]);
  }

  finish(): Map<string, FormGroup> {
    const groups = new Map<string, FormGroup>();
    for (const [certNo, entries] of this.byCert) {
      if (!this.sortFields) {
        groups.set(certNo, { ...formGroupOf(entries, false), row: entries[0].row });
        continue;
      }
      entries.sort((a, b) => a.sortKey - b.sortKey);
      groups.set(certNo, formGroupOf(entries));
    }
    this.byCert.clear();
    return groups;
  }
}

/** JSON and hash of a form with no rows for a dossier (e.g. every case removed). */
export const EMPTY_FORM = { json: '[]', hash: sha256('[]') };
