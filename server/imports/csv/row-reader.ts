import type { ColumnSpec, FileSpec } from './file-specs.js';
import {
  CellError,
  checkDomesticPhone,
  checkPostalCodeZeros,
  checkZeroPadded,
  nfkc,
  parseDate,
  parseDateTime,
  parseInteger,
  parseYearMonth,
  SpreadsheetDamage,
} from './normalise.js';

/** A stored value of one cell. */
export type CellValue = string | number | boolean | null;
export type Row = Record<string, CellValue>;

/** One problem found in a file: the report line of formats.md. */
export interface RowProblem {
  line: number;
  column: string;
  reason: string;
  /** The cell was left so by a spreadsheet (lost zeros, a lost year): imports/csv/spreadsheet-damage.ts. */
  spreadsheet?: true;
  /** The row's 認定番号 when it could be read: the dossier the problem keeps out. */
  certNo?: string;
}

export interface HeaderMap {
  /** Index of each known column in the record, -1 when the (optional) header is absent. */
  indexes: number[];
  warnings: string[];
}

/** Headers are matched by name (NFKC, trimmed), in any order. */
export function resolveHeader(
  spec: FileSpec,
  header: readonly string[],
): { map: HeaderMap } | { missing: string[] } {
  const names = header.map((h) => nfkc(h.replace(/^\uFEFF/, '')));
  const missing: string[] = [];
  const indexes = spec.columns.map((c) => {
    const index = names.indexOf(nfkc(c.header));
    if (index < 0 && c.required) missing.push(c.header);
    return index;
  });
  if (missing.length > 0) return { missing };
  const known = new Set(spec.columns.map((c) => nfkc(c.header)));
  const warnings: string[] = [];
  names.forEach((name, i) => {
    if (!known.has(name)) {
      warnings.push(`不明な列「${name || `(${i + 1}列目・見出しなし)`}」は読み飛ばしました`);
    } else if (names.indexOf(name) !== i) {
      warnings.push(`列「${name}」が 2 回あります。最初の列を読み、${i + 1}列目は読み飛ばしました`);
    }
  });
  return { map: { indexes, warnings } };
}

function readCell(column: ColumnSpec, raw: string): CellValue {
  const value = readByKind(column, raw);
  if (typeof value === 'string' && value) {
    const padded = column.zeroPadded;
    if (padded)
      checkZeroPadded(value, padded.digits, padded.shortest, padded.onlyZeros, padded.longest);
    if (column.domesticPhone) checkDomesticPhone(value);
  }
  return value;
}

function readByKind(column: ColumnSpec, raw: string): CellValue {
  switch (column.kind) {
    case 'text':
      return raw.trim();
    case 'code':
      return nfkc(raw);
    case 'key': {
      const value = nfkc(raw);
      if (!value) throw new CellError('空欄です(この列は行を特定するキーのため必須です)');
      return value;
    }
    case 'digitsKey': {
      const value = nfkc(raw);
      if (!value) throw new CellError('空欄です(この列は行を特定するキーのため必須です)');
      if (!/^\d+$/.test(value)) throw new CellError(`数字だけではありません(「${value}」)`);
      return value;
    }
    case 'intKey': {
      const value = nfkc(raw);
      if (!value) throw new CellError('空欄です(この列は行を特定するキーのため必須です)');
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new CellError(`1 以上の整数ではありません(「${value}」)`);
      }
      const n = Number(value);
      if (column.max && n > column.max) {
        throw new CellError(`1〜${column.max} のいずれかにしてください(「${value}」)`);
      }
      return n;
    }
    case 'date':
    case 'yearMonth':
    case 'dateTime': {
      const value = nfkc(raw);
      if (!value) {
        if (column.required) throw new CellError('空欄です(必須の日付です)');
        return null;
      }
      if (column.kind === 'date') return parseDate(value);
      if (column.kind === 'yearMonth') return parseYearMonth(value);
      return parseDateTime(value);
    }
    case 'int': {
      const value = nfkc(raw);
      return value ? parseInteger(value) : null;
    }
    case 'enum': {
      const value = nfkc(raw);
      if (!column.values!.includes(value)) {
        throw new CellError(
          `${value ? `「${value}」は` : '空欄は'}使えません(${column.values!.join('・')} のいずれかにしてください)`,
        );
      }
      return value;
    }
    case 'yesNo': {
      const value = nfkc(raw);
      if (value === '有') return true;
      if (value === '無') return false;
      throw new CellError(
        `${value ? `「${value}」は` : '空欄は'}使えません(有・無 のいずれかにしてください)`,
      );
    }
  }
}

function cellProblem(line: number, column: ColumnSpec, error: unknown): RowProblem {
  if (!(error instanceof CellError)) throw error;
  return {
    line,
    column: column.header,
    reason: `${column.header}が${error.message}`,
    ...(error instanceof SpreadsheetDamage ? { spreadsheet: true as const } : {}),
  };
}

/**
 * Reads one record into a row, or returns every problem of the row. A record shorter than the
 * header reads its missing cells as empty; one longer is refused (its columns may be shifted).
 */
export function readRow(
  spec: FileSpec,
  map: HeaderMap,
  record: readonly string[],
  line: number,
  headerLength: number,
): { row: Row } | { problems: RowProblem[] } {
  if (record.length > headerLength) {
    return {
      problems: [
        {
          line,
          column: '',
          reason: `列の数が見出し(${headerLength}列)より多い ${record.length} 列です。区切りの「,」や引用符を確認してください`,
        },
      ],
    };
  }
  const row: Row = {};
  let problems: RowProblem[] | null = null;
  const { columns } = spec;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const index = map.indexes[i];
    const raw = index >= 0 ? (record[index] ?? '') : '';
    try {
      row[column.field] = readCell(column, raw);
    } catch (error) {
      (problems ??= []).push(cellProblem(line, column, error));
    }
  }
  // A postal code is judged with its address, read by now.
  for (const column of columns) {
    const value = row[column.field];
    if (!column.postalCodeOf || typeof value !== 'string') continue;
    try {
      const { prefecture, address } = column.postalCodeOf;
      checkPostalCodeZeros(value, row[prefecture], row[address]);
    } catch (error) {
      (problems ??= []).push(cellProblem(line, column, error));
    }
  }
  if (problems && typeof row.certNo === 'string') {
    for (const p of problems) p.certNo = row.certNo;
  }
  return problems ? { problems } : { row };
}

/** The key of a row, for duplicate detection and grouping. */
export function rowKey(spec: FileSpec, row: Row): string {
  return spec.keyFields.length === 1
    ? String(row[spec.keyFields[0]])
    : spec.keyFields.map((f) => String(row[f])).join('\u0000');
}
