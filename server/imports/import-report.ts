import { csvCell } from '../common/csv.js';
import type { FileEncoding } from './csv/csv-source.js';
import type { RowProblem } from './csv/row-reader.js';
import type { FileProblem } from './dossier-assembler.js';

/** One file's part of the report (interface.md's `files[]`, plus warnings and what changed). */
export interface FileReport {
  file: string;
  encoding: FileEncoding | null;
  rows: number;
  imported: number;
  rejected: RowProblem[];
  /**
   * Rows stored for the first time or with new values (the rest were already there); for a
   * form file, the rows of dossiers that are new or got a new revision.
   */
  changed: number;
  /** The file was refused whole. */
  rejectedWhole: boolean;
  warnings: string[];
}

export interface FeedCounts {
  payments: number;
  elearning: number;
  addressChanges: number;
  mail: number;
}

export interface ImportReport {
  importId: string;
  roundId: string;
  source: string;
  files: FileReport[];
  dossiers: {
    /** New dossiers and new revisions written. */
    imported: number;
    created: number;
    revised: number;
    unchanged: number;
    rejected: number;
  };
  /** Dossiers kept out, each with the problems that kept it out. */
  rejectedDossiers: { certNo: string; problems: FileProblem[] }[];
  /** Check jobs queued for dossiers whose inputs changed. */
  queued: number;
  /** Rows of feeds waiting for a dossier with their 認定番号, after this import. */
  unmatched: FeedCounts;
  /** Rows that had been waiting and attached to a dossier that arrived in this import. */
  attached: FeedCounts;
  scans: { files: number; stored: number; alreadyStored: number; ignored: string[] };
  /** The bundle itself was refused (missing, unsafe zip, nothing to import). */
  bundleError: string | null;
  warnings: string[];
  exitCode: 0 | 1 | 2;
  durationMs: number;
}

export interface ImportProgress {
  phase: 'queued' | 'unpacking' | 'reading' | 'writing' | 'queueing' | 'done';
  /** The file being read, if any. */
  file?: string;
  filesDone: number;
  filesTotal: number;
  /** Data rows read so far. */
  rows: number;
}

/** Exactly the JSON of interface.md's `import --json`. */
export function cliJson(report: ImportReport): unknown {
  return {
    files: report.files.map((f) => ({
      file: f.file,
      // formats.md knows two encodings, UTF-8 (with or without BOM) and CP932; scripts read these.
      encoding: f.encoding === 'utf8-bom' ? 'utf8' : f.encoding,
      rows: f.rows,
      imported: f.imported,
      rejected: f.rejected.map((p) => ({ line: p.line, column: p.column, reason: p.reason })),
    })),
    dossiers: {
      imported: report.dossiers.imported,
      unchanged: report.dossiers.unchanged,
      rejected: report.dossiers.rejected,
    },
    queued: report.queued,
  };
}

/**
 * The report as a CSV a secretariat member opens in Excel: one line per problem (UTF-8 with
 * BOM so Excel reads the Japanese).
 */
export function reportCsv(report: ImportReport): string {
  const lines = [['ファイル', '行', '列', '認定番号', '内容'].join(',')];
  if (report.bundleError)
    lines.push(['(一式)', '', '', '', report.bundleError].map(csvCell).join(','));
  for (const file of report.files) {
    for (const p of file.rejected) {
      lines.push([file.file, p.line, p.column, p.certNo ?? '', p.reason].map(csvCell).join(','));
    }
    for (const w of file.warnings)
      lines.push([file.file, '', '', '', `注意: ${w}`].map(csvCell).join(','));
  }
  for (const d of report.rejectedDossiers) {
    const where = d.problems.map((p) => `${p.file} ${p.line} 行目`).join('、');
    lines.push(
      [
        '(申請)',
        '',
        '',
        d.certNo,
        `この申請は取り込みませんでした(${where} の誤りのため)。前回の取り込み内容のままです`,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  for (const w of report.warnings)
    lines.push(['(一式)', '', '', '', `注意: ${w}`].map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
