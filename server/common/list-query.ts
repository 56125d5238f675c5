/**
 * react-admin's REST list contract (ra-data-simple-rest): `sort=["field","ASC"]`,
 * `range=[0,24]` (inclusive) and `filter={"q":"…"}` in the query string, and the total in a
 * `Content-Range: <resource> <first>-<last>/<total>` header. Pure functions, no Nest.
 */
export interface ListQuery<F extends string = string> {
  sortField: F;
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

export class ListQueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListQueryError';
  }
}

/** A page is never larger than this, whatever the client asks. */
export const MAX_PAGE_SIZE = 1000;

function parseJson(parameter: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') {
    throw new ListQueryError(parameter, `${parameter} は JSON で 1 つだけ指定してください`);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ListQueryError(parameter, `${parameter} が JSON として読めません: ${raw}`);
  }
}

export function parseListQuery<F extends string>(
  query: Record<string, unknown>,
  options: { sortable: readonly F[]; defaultSort: F; defaultOrder?: 'ASC' | 'DESC' },
): ListQuery<F> {
  let sortField = options.defaultSort;
  let sortOrder: 'ASC' | 'DESC' = options.defaultOrder ?? 'ASC';
  const sort = parseJson('sort', query.sort);
  if (sort !== undefined) {
    if (!Array.isArray(sort) || sort.length !== 2) {
      throw new ListQueryError('sort', 'sort は ["項目名","ASC"] の形式で指定してください');
    }
    const [field, order] = sort as unknown[];
    if (!options.sortable.includes(field as F)) {
      throw new ListQueryError(
        'sort',
        `「${String(field)}」では並べ替えできません。使える項目: ${options.sortable.join(', ')}`,
      );
    }
    if (order !== 'ASC' && order !== 'DESC') {
      throw new ListQueryError('sort', '並び順は ASC か DESC で指定してください');
    }
    sortField = field as F;
    sortOrder = order;
  }

  let offset = 0;
  let limit = 25;
  const range = parseJson('range', query.range);
  if (range !== undefined) {
    const valid =
      Array.isArray(range) &&
      range.length === 2 &&
      range.every((n) => Number.isSafeInteger(n) && n >= 0) &&
      range[1] >= range[0];
    if (!valid) {
      throw new ListQueryError(
        'range',
        `range は [開始, 終了] の 0 以上 ${Number.MAX_SAFE_INTEGER} 以下の整数で、開始 ≦ 終了 になるよう指定してください`,
      );
    }
    offset = range[0];
    limit = Math.min(range[1] - range[0] + 1, MAX_PAGE_SIZE);
  }

  const filter = parseJson('filter', query.filter) ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new ListQueryError('filter', 'filter は {"項目名": 値} の形式で指定してください');
  }
  const nul = Object.entries(filter).find(([, value]) => JSON.stringify(value).includes('\\u0000'));
  if (nul) {
    throw new ListQueryError('filter', `filter の「${nul[0]}」に使えない文字(NUL)が含まれています`);
  }
  return { sortField, sortOrder, offset, limit, filter: filter as Record<string, unknown> };
}

/** The Content-Range header react-admin reads the total from. */
export function contentRange(
  resource: string,
  offset: number,
  count: number,
  total: number,
): string {
  if (count === 0) return `${resource} */${total}`;
  return `${resource} ${offset}-${offset + count - 1}/${total}`;
}

/** Text searched with LIKE / ILIKE as typed: `%`, `_` and `\` match only themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** A filter's numeric id (`{"reviewerId": 12}` or `"12"`), or undefined when not given. */
export function filterId(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  if ((typeof value === 'number' || typeof value === 'string') && /^\d{1,15}$/.test(text)) {
    return text;
  }
  throw new ListQueryError(
    'filter',
    `filter の ${key} は数字の ID で指定してください: ${JSON.stringify(value).slice(0, 80)}`,
  );
}
