import { cleanCell, columnOf, readSheet, sheetProblem } from '../common/sheet.js';
import type { FieldProblem } from '../common/field-problem.js';

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

/**
 * Reads an assignment sheet (CSV in UTF-8, with or without BOM, or CP932, as Excel saves it):
 * 認定番号, 審査委員 (the reviewer's login), and optionally 上書き理由. Returns every line it
 * could read and every problem, each naming file, line and column. Pure.
 */
export function parseAssignmentCsv(
  bytes: Buffer,
  file: string,
): { lines: AssignmentLine[]; problems: FieldProblem[] } {
  const { sheet, problems } = readSheet(
    bytes,
    file,
    [COLUMNS.certNo, COLUMNS.reviewerLogin],
    MAX_ASSIGNMENT_LINES,
  );
  if (!sheet) return { lines: [], problems };
  const at = {
    certNo: columnOf(sheet, COLUMNS.certNo),
    reviewerLogin: columnOf(sheet, COLUMNS.reviewerLogin),
    overrideReason: columnOf(sheet, COLUMNS.overrideReason),
  };
  const problem = (line: number, column: string, reason: string) =>
    problems.push(sheetProblem(file, line, column, reason));

  const lines: AssignmentLine[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of sheet.lines) {
    const certNo = cleanCell(cells[at.certNo]);
    const reviewerLogin = cleanCell(cells[at.reviewerLogin]);
    const reason = at.overrideReason >= 0 ? cleanCell(cells[at.overrideReason]) : '';
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
