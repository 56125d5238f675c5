import type { ParsedFile } from './parse-file.js';
import type { Row, RowProblem } from './row-reader.js';
import { LOST_ZEROS, SPREADSHEET_ADVICE } from './normalise.js';

/**
 * What a spreadsheet does to a file it opens and saves again (Excel): codes lose their leading
 * zeros (認定番号 028361 → 28361), dates their year (`6月27日`). The cells themselves are refused
 * as they are read (row-reader.ts, normalise.ts); this module adds what needs the whole bundle.
 *
 * - A facility number that matches no facility but would with its zeros restored is refused
 *   (`1001` where `01001` is in the facilities master of the round or of the bundle).
 * - A bundle is refused whole when more than half of the data rows of any one of its files
 *   show such damage: that file was saved by a spreadsheet, its other cells are not to be trusted
 *   either (phone numbers, times that lost their seconds), and nothing of it is written.
 */

/** The known numbers that lost leading zeros would become: `1001` → `01001`. */
function restorations(known: Iterable<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const no of known) {
    const stripped = no.replace(/^0+/, '');
    if (stripped && stripped !== no && /^\d+$/.test(no)) map.set(stripped, no);
  }
  return map;
}

function lostZerosProblem(
  line: number,
  column: string,
  value: string,
  restored: string,
  certNo?: string,
): RowProblem {
  return {
    line,
    column,
    reason: `${column}が認定研修施設マスタにありません(「${value}」。「${restored}」ならあります)。${LOST_ZEROS}。${SPREADSHEET_ADVICE}`,
    spreadsheet: true,
    ...(certNo ? { certNo } : {}),
  };
}

/** Checks form rows kept elsewhere (staged) for facility numbers that lost their zeros. */
export interface LostZerosCheck {
  /** The values that would be refused: the rows to check are those with one of them. */
  suspects: string[];
  /** Refuses, in the file's problems, the row's facility numbers that lost their zeros. */
  check(file: ParsedFile, line: number, row: Row, certNo: string): void;
}

/**
 * Refuses, in place, every facility number of the bundle that lost its zeros: in
 * facilities.csv against the round's stored master (`stored`); in applicants.csv
 * (勤務先施設番号) and case_sheets.csv (施設番号) against the stored master and the facilities
 * the bundle brings. A refused row of a form keeps its dossier out, as any refused row does.
 * Form files whose rows were staged (no `groups`) are left to the returned check.
 */
export function refuseFacilityNumbersWithLostZeros(
  files: readonly ParsedFile[],
  stored: ReadonlySet<string>,
): LostZerosCheck {
  const facilities = files.find((f) => f.spec.file === 'facilities.csv' && !f.rejectedWhole);
  const known = new Set(stored);
  if (facilities) {
    const column = facilities.spec.columns.find((c) => c.facilityNo)!;
    const fromStored = restorations(stored);
    facilities.accepted = facilities.accepted.filter(({ line, row }) => {
      const value = row[column.field];
      const restored = typeof value === 'string' && !stored.has(value) && fromStored.get(value);
      if (!restored) return true;
      facilities.problems.push(lostZerosProblem(line, column.header, value, restored));
      return false;
    });
    for (const { row } of facilities.accepted) known.add(String(row[column.field]));
  }
  const restore = restorations(known);
  const check = (file: ParsedFile, line: number, row: Row, certNo: string) => {
    for (const column of file.spec.columns) {
      if (!column.facilityNo) continue;
      const value = row[column.field];
      if (typeof value !== 'string' || !value || known.has(value)) continue;
      const restored = restore.get(value);
      if (restored)
        file.problems.push(lostZerosProblem(line, column.header, value, restored, certNo));
    }
  };
  const suspects = [...restore.keys()].filter((value) => !known.has(value));
  for (const file of files) {
    if (file.spec.group !== 'form' || file.rejectedWhole || !file.groups) continue;
    if (!file.spec.columns.some((c) => c.facilityNo)) continue;
    for (const [certNo, group] of file.groups) {
      // applicants.csv keeps its row; the other forms their rows as JSON, in the order of `lines`.
      const rows = group.row ? [group.row] : (JSON.parse(group.json) as Row[]);
      rows.forEach((row, i) => check(file, group.lines[i], row, certNo));
    }
  }
  return { suspects, check };
}

/** A file most of whose rows show a spreadsheet's damage. */
export interface DamagedFile {
  file: string;
  rows: number;
  damaged: number;
}

/** The files of the bundle where more than half of the data rows show a spreadsheet's damage. */
export function filesSavedBySpreadsheet(files: readonly ParsedFile[]): DamagedFile[] {
  const damaged: DamagedFile[] = [];
  for (const file of files) {
    if (file.rejectedWhole || file.rows === 0) continue;
    const lines = new Set(file.problems.filter((p) => p.spreadsheet).map((p) => p.line));
    if (lines.size * 2 > file.rows) {
      damaged.push({ file: file.spec.file, rows: file.rows, damaged: lines.size });
    }
  }
  return damaged;
}

/** The report's reason for refusing a bundle a spreadsheet saved. */
export function spreadsheetBundleError(damaged: readonly DamagedFile[]): string {
  const where = damaged.map((d) => `${d.file} の ${d.rows} 行中 ${d.damaged} 行`).join('、');
  return (
    `${where}に、先頭の 0 が消えた番号か年の消えた日付があります。Excel などで開いて保存したファイルと見られるため、` +
    `一式を取り込みませんでした(何も書き込んでいません)。${SPREADSHEET_ADVICE}`
  );
}
