import type { EntityManager } from 'typeorm';
import { copyRows } from './copy-rows.js';

let stageCount = 0;

export interface BulkColumn {
  name: string;
  /** PostgreSQL type of the column, for the array cast of unnest: text, integer, date, jsonb… */
  type: string;
}

export interface BulkUpsert {
  table: string;
  columns: readonly BulkColumn[];
  /** The table's primary key. */
  key: readonly string[];
  /** One array of values per row, in the order of `columns`. */
  rows: readonly unknown[][];
  /** Constant values written into every inserted or updated row, e.g. the import's id. */
  constants?: Readonly<Record<string, { value: unknown; type: string }>>;
  /** Columns to return for every inserted or changed row. */
  returning?: readonly string[];
  /** Above this many rows the rows are COPY'd into a staging table instead of sent as arrays. */
  stageAbove?: number;
}

/**
 * Inserts many rows in one or two statements, updating existing keys only where a value
 * differs: an identical row is left as it was and is not returned. Returns one row (with the
 * `returning` columns) per row inserted or changed.
 *
 * Callers hold a lock that keeps other writers of these keys out meanwhile (the import's
 * round lock): a row is updated if its key is there, inserted otherwise.
 */
export async function bulkUpsert<T = Record<string, unknown>>(
  manager: EntityManager,
  spec: BulkUpsert,
): Promise<T[]> {
  const { table, columns, key, rows } = spec;
  if (rows.length === 0) return [];
  const constants = Object.entries(spec.constants ?? {});
  const dataColumns = columns.map((c) => c.name);
  const compared = dataColumns.filter((c) => !key.includes(c));
  const returning = spec.returning?.length ? spec.returning : null;

  // Small sets travel as arrays through unnest; large ones are COPY'd into a staging table.
  const staged = rows.length > (spec.stageAbove ?? 2000);
  const stage = `_stage_${table}_${++stageCount}`;
  let source: string;
  const params: unknown[] = [];
  if (staged) {
    await manager.query(
      `CREATE TEMP TABLE ${stage} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`,
    );
    await copyRows(manager, stage, dataColumns, rows);
    source = stage;
  } else {
    columns.forEach((_, i) => params.push(rows.map((r) => r[i])));
    source = `(SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})
                AS x(${dataColumns.join(', ')}))`;
  }
  const firstConstant = params.length + 1;
  const constantRefs = constants.map(([, c], i) => `$${firstConstant + i}::${c.type}`);
  params.push(...constants.map(([, c]) => c.value));

  const joinOn = key.map((k) => `t.${k} = u.${k}`).join(' AND ');
  const setList = [
    ...compared.map((c) => `${c} = u.${c}`),
    ...constants.map(([name], i) => `${name} = ${constantRefs[i]}`),
    'updated_at = now()',
  ].join(', ');
  const differs = compared.length
    ? `(${compared.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `u.${c}`).join(', ')})`
    : 'false';
  const returnList = (alias: string) =>
    returning ? returning.map((c) => `${alias}.${c}`).join(', ') : '1 AS changed';

  // An UPDATE of the keys present and a plain INSERT of the rest: about ten times faster than
  // INSERT … ON CONFLICT for large sets, whose speculative insertion goes row by row.
  const [updated] = (await manager.query(
    `UPDATE ${table} AS t SET ${setList} FROM ${source} AS u
      WHERE ${joinOn} AND ${differs}
      RETURNING ${returnList('t')}`,
    params,
  )) as [T[], number];
  const inserted = (await manager.query(
    `INSERT INTO ${table} (${[...dataColumns, ...constants.map(([name]) => name)].join(', ')})
     SELECT ${[...dataColumns.map((c) => `u.${c}`), ...constantRefs].join(', ')} FROM ${source} AS u
      WHERE NOT EXISTS (SELECT 1 FROM ${table} AS t WHERE ${joinOn})
     RETURNING ${returnList(table)}`,
    params,
  )) as T[];
  if (staged) await manager.query(`DROP TABLE ${stage}`);
  return [...updated, ...inserted];
}
