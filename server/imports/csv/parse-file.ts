import { copyValue } from '../../database/copy-rows.js';
import { detectFileEncoding, FileEncoding, FileReadError, readCsv } from './csv-source.js';
import type { FileSpec } from './file-specs.js';
import { FormGrouper, sortKeyOf, type FormGroup } from '../form-groups.js';
import { HeaderMap, readRow, resolveHeader, Row, RowProblem, rowKey } from './row-reader.js';

export interface AcceptedRow {
  line: number;
  row: Row;
}

/** One file of a bundle, read and validated row by row; nothing is stored yet. */
export interface ParsedFile {
  spec: FileSpec;
  encoding: FileEncoding;
  /** Data rows read (the header and blank lines not counted). */
  rows: number;
  /**
   * Rows that can be stored, in file order (for payments: one per 取引番号, the latest values).
   * Empty for form files, whose rows are in `groups`.
   */
  accepted: AcceptedRow[];
  problems: RowProblem[];
  warnings: string[];
  /** The file is refused whole (a required column missing, or not readable as CSV). */
  rejectedWhole: boolean;
  /** Rows that updated an earlier row of the same key (payments): taken in, not rejected. */
  updatedInFile: number;
  /** Form files: the accepted rows by 認定番号, as stored JSON; null when they were staged. */
  groups: Map<string, FormGroup> | null;
  /** Accepted rows that went to the staging instead of `accepted` or `groups`. */
  staged?: number;
}

/**
 * Whether a file's rows go to the staging when there is one: the forms and the large feeds.
 * Masters stay in memory (a few hundred rows, checked against each other), and so does a feed
 * whose later rows update earlier ones (payments).
 */
export function stagesRows(spec: FileSpec): boolean {
  return spec.group === 'form' || (spec.group === 'feed' && !spec.laterRowUpdates);
}

/**
 * Where the rows of form files go instead of memory (import_staged_rows): lines of COPY text,
 * a few hundred kilobytes at a time. Duplicate keys are then found where the rows are.
 */
export interface FormRowStaging {
  importId: string;
  write(copyText: string): void | Promise<void>;
}

/** A later row with the key of an earlier one (line `firstLine`): refused, the earlier kept. */
export function duplicateKeyProblem(
  spec: FileSpec,
  line: number,
  firstLine: number,
  row: Row,
): RowProblem {
  return {
    line,
    column: spec.columns
      .filter((c) => spec.keyFields.includes(c.field))
      .map((c) => c.header)
      .join('・'),
    reason: `${firstLine} 行目と同じキー(${spec.keyFields.map((f) => row[f]).join('・')})です。2 行目以降は取り込みませんでした`,
    ...(typeof row.certNo === 'string' ? { certNo: row.certNo } : {}),
  };
}

/** COPY text buffered before it is handed to the staging. */
const STAGING_CHUNK_CHARS = 64 * 1024;

/** Buffers a form file's rows as lines of import_staged_rows' COPY text. */
class StagedRowBuffer {
  private buffer = '';
  private readonly prefix: string;

  constructor(
    private readonly staging: FormRowStaging,
    private readonly spec: FileSpec,
  ) {
    this.prefix = `${copyValue(staging.importId)}\t${copyValue(spec.file)}\t`;
  }

  async add(line: number, row: Row): Promise<void> {
    const certNo = typeof row.certNo === 'string' ? row.certNo : '';
    const key = JSON.stringify(this.spec.keyFields.map((f) => row[f]));
    // A form's rows are stored without their dossier's 認定番号; a feed's rows keep it.
    if (this.spec.group === 'form') delete row.certNo;
    const sortKey = sortKeyOf(this.spec, row);
    this.buffer += `${this.prefix}${line}\t${copyValue(certNo)}\t${copyValue(key)}\t${sortKey}\t${copyValue(JSON.stringify(row))}\n`;
    if (this.buffer.length >= STAGING_CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    await this.staging.write(text);
  }
}

const REPLACEMENT = '\uFFFD';

/**
 * Streams one CSV of the bundle: headers matched by name, every row read by its column specs,
 * duplicate keys refused (payments: a later row of the same 取引番号 updates the earlier one).
 */
export async function parseFile(
  spec: FileSpec,
  path: string,
  staging?: FormRowStaging,
): Promise<ParsedFile> {
  const encoding = await detectFileEncoding(path);
  const result: ParsedFile = {
    spec,
    encoding,
    rows: 0,
    accepted: [],
    problems: [],
    warnings: [],
    rejectedWhole: false,
    updatedInFile: 0,
    groups: null,
  };
  const rejectWhole = (line: number, column: string, reason: string): ParsedFile => {
    result.rejectedWhole = true;
    result.accepted = [];
    result.staged = 0;
    result.problems = [{ line, column, reason }];
    return result;
  };
  // Form rows become stored JSON at once; `accepted` then stays empty. seen: key → line (forms)
  // or → index in `accepted` (other files).
  // Staged form rows: their duplicate keys are found by the staging (import.repository.ts).
  const staged = staging && stagesRows(spec) ? new StagedRowBuffer(staging, spec) : null;
  const grouper = spec.group === 'form' && !staged ? new FormGrouper(spec) : null;
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  let headerMap: HeaderMap | null = null;
  try {
    for await (const record of readCsv(path, encoding)) {
      if (!header) {
        header = record.cells;
        const resolved = resolveHeader(spec, header);
        if ('missing' in resolved) {
          return rejectWhole(
            record.line,
            resolved.missing.join('、'),
            `必須の列「${resolved.missing.join('」「')}」がありません。見出し行の列名を formats.md のとおりにしてください(ファイル全体を取り込みませんでした)`,
          );
        }
        headerMap = resolved.map;
        result.warnings.push(...headerMap.warnings);
        continue;
      }
      result.rows++;
      const read = readRow(spec, headerMap!, record.cells, record.line, header.length);
      if ('problems' in read) {
        result.problems.push(...read.problems);
        continue;
      }
      if (record.cells.some((cell) => cell.includes(REPLACEMENT))) {
        result.problems.push({
          line: record.line,
          column: header[record.cells.findIndex((cell) => cell.includes(REPLACEMENT))] ?? '',
          reason: `読めない文字があります(${encoding === 'cp932' ? 'Shift_JIS(CP932)' : 'UTF-8'} にない文字か、文字コードの混在です)`,
          ...(typeof read.row.certNo === 'string' ? { certNo: read.row.certNo } : {}),
        });
        continue;
      }
      if (staged) {
        await staged.add(record.line, read.row);
        result.staged = (result.staged ?? 0) + 1;
        continue;
      }
      const key = rowKey(spec, read.row);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        if (spec.laterRowUpdates) {
          result.accepted[earlier] = { line: record.line, row: read.row };
          result.updatedInFile++;
        } else {
          const firstLine = grouper ? earlier : result.accepted[earlier].line;
          result.problems.push(duplicateKeyProblem(spec, record.line, firstLine, read.row));
        }
        continue;
      }
      if (grouper) {
        seen.set(key, record.line);
        grouper.add(record.line, read.row);
      } else {
        seen.set(key, result.accepted.length);
        result.accepted.push({ line: record.line, row: read.row });
      }
    }
  } catch (error) {
    if (error instanceof FileReadError) {
      return rejectWhole(
        error.line || 1,
        '',
        `${error.message}(ファイル全体を取り込みませんでした)`,
      );
    }
    throw error;
  }
  if (!header) return rejectWhole(1, '', '空のファイルです(見出し行がありません)');
  if (grouper) result.groups = grouper.finish();
  await staged?.flush();
  return result;
}
