import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { detectEncoding } from '../imports/csv/csv-source.js';
import type { FieldProblem } from '../rounds/round-settings.js';

/** One line of an assignment sheet. */
export interface AssignmentLine {
  line: number;
  certNo: string;
  reviewerLogin: string;
  overrideReason: string | null;
}

/** The columns of an assignment sheet; a header may use any of the names of a column. */
const COLUMNS = {
  certNo: ['認定番号'],
  reviewerLogin: ['審査委員', '審査委員ログイン名', 'ログイン名'],
  overrideReason: ['上書き理由', '利益相反の上書き理由'],
} as const;

export const MAX_ASSIGNMENT_LINES = 20_000;

const clean = (value: string | undefined) => (value ?? '').normalize('NFKC').trim();

/**
 * Reads an assignment sheet (CSV in UTF-8, with or without BOM, or CP932, as Excel saves it):
 * 認定番号, 審査委員 (the reviewer's login), and optionally 上書き理由. Returns every line it
 * could read and every problem, each naming file, line and column. Pure.
 */
export function parseAssignmentCsv(
  bytes: Buffer,
  file: string,
): { lines: AssignmentLine[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (line: number, column: string, reason: string) =>
    problems.push({
      file,
      line,
      field: column,
      message: `${file} ${line} 行目 ${column}: ${reason}`,
    });
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
    problem(line, '', `CSV として読めません(${(error as Error).message})`);
    return { lines: [], problems };
  }
  if (records.length === 0) {
    problem(1, '', 'ファイルが空です。1 行目に見出し(認定番号,審査委員)を入れてください');
    return { lines: [], problems };
  }
  const header = records[0].record.map((h) => clean(h));
  const index = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const at = {
    certNo: index(COLUMNS.certNo),
    reviewerLogin: index(COLUMNS.reviewerLogin),
    overrideReason: index(COLUMNS.overrideReason),
  };
  for (const [key, names] of [
    ['certNo', COLUMNS.certNo],
    ['reviewerLogin', COLUMNS.reviewerLogin],
  ] as const) {
    if (at[key] < 0) {
      problem(1, names[0], `見出しに「${names[0]}」の列がありません(見出し: ${header.join(', ')})`);
    }
  }
  if (problems.length > 0) return { lines: [], problems };
  if (records.length - 1 > MAX_ASSIGNMENT_LINES) {
    problem(
      1,
      '',
      `行が多すぎます(${records.length - 1} 行)。${MAX_ASSIGNMENT_LINES} 行までに分けてください`,
    );
    return { lines: [], problems };
  }

  const lines: AssignmentLine[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.every((cell) => clean(cell) === '')) continue;
    const certNo = clean(record[at.certNo]);
    const reviewerLogin = clean(record[at.reviewerLogin]);
    const reason = at.overrideReason >= 0 ? clean(record[at.overrideReason]) : '';
    let ok = true;
    if (!/^\d{1,12}$/.test(certNo)) {
      problem(line, '認定番号', certNo ? `数字ではありません(「${certNo}」)` : '空です');
      ok = false;
    }
    if (!reviewerLogin) {
      problem(line, '審査委員', '空です。審査委員のログイン名を入れてください');
      ok = false;
    }
    const key = `${certNo}\u0000${reviewerLogin}`;
    if (ok && seen.has(key)) {
      problem(line, '認定番号', `${seen.get(key)} 行目と同じ割り当てです`);
      ok = false;
    }
    if (!ok) continue;
    seen.set(key, line);
    lines.push({ line, certNo, reviewerLogin, overrideReason: reason || null });
  }
  if (lines.length === 0 && problems.length === 0) {
    problem(2, '', '割り当ての行がありません');
  }
  return { lines, problems };
}
