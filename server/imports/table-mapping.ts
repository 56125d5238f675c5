import type { BulkColumn } from '../database/bulk-upsert.js';
import type { CellKind, FileSpec } from './csv/file-specs.js';

/**
 * How the rows of a master or feed file land in its table, derived from its file spec: a
 * column per field, named as the field in snake_case (`societyCode` → `society_code`), of the
 * PostgreSQL type its cells are read as; the key is the round and the spec's key fields.
 */
export interface TableMapping {
  table: string;
  key: readonly string[];
  columns: readonly (BulkColumn & { field: string })[];
}

const COLUMN_TYPE: Record<CellKind, string> = {
  text: 'text',
  code: 'text',
  key: 'text',
  digitsKey: 'text',
  intKey: 'integer',
  date: 'date',
  yearMonth: 'text',
  dateTime: 'timestamptz',
  int: 'integer',
  enum: 'text',
  yesNo: 'boolean',
};

/** The table column of a field: `transactionId` → `transaction_id`. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The table of a master or feed file; a form file has none (its rows go into revisions). */
export function tableOf(spec: FileSpec): string {
  if (!spec.table) throw new Error(`${spec.file} is not stored in a table of its own`);
  return spec.table;
}

export function tableMapping(spec: FileSpec): TableMapping {
  return {
    table: tableOf(spec),
    key: ['round_id', ...spec.keyFields.map(columnOf)],
    columns: spec.columns.map((c) => ({
      field: c.field,
      name: columnOf(c.field),
      type: COLUMN_TYPE[c.kind],
    })),
  };
}
