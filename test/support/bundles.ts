import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvQuote } from '../../server/common/csv.js';

/**
 * The project's bundle generator, vendored from the shared folder (see generator/README.md), so
 * that a checkout runs its tests wherever it is cloned.
 */
export const GENERATOR = join(__dirname, 'generator', 'gen-bundle.mjs');

/** A bundle written by the generator (run from the repository root, for iconv-lite). */
export function generateBundle(options: {
  applicants: number;
  seed?: number;
  encoding?: 'utf8' | 'cp932';
  bom?: boolean;
  scans?: boolean;
  defects?: number;
}): string {
  const out = mkdtempSync(join(tmpdir(), 'shinsa-bundle-'));
  const args = [GENERATOR, '--out', out, '--applicants', String(options.applicants), '--quiet'];
  args.push('--seed', String(options.seed ?? 1), '--encoding', options.encoding ?? 'utf8');
  if (options.bom) args.push('--bom');
  if (options.scans) args.push('--scans');
  if (options.defects !== undefined) args.push('--defects', String(options.defects));
  execFileSync(process.execPath, args, { cwd: join(__dirname, '..', '..') });
  return out;
}

/** A copy of a bundle to change. */
export function copyBundle(dir: string, only?: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'shinsa-bundle-'));
  cpSync(dir, out, {
    recursive: true,
    filter: (src) => !only || src === dir || only.some((name) => src.endsWith(`/${name}`)),
  });
  return out;
}

/** The data rows of a CSV as the generator wrote it (header excluded). */
export function csvRows(
  dir: string,
  file: string,
  encoding: 'utf8' | 'cp932' = 'utf8',
): string[][] {
  const bytes = readFileSync(join(dir, file));
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.toString('utf8');
  return (parse(text, { bom: true, relax_column_count: true }) as string[][]).slice(1);
}

/** Rewrites a UTF-8 CSV through a function of its records (header first). */
export function editCsv(
  dir: string,
  file: string,
  edit: (records: string[][]) => string[][],
): void {
  const path = join(dir, file);
  const records = parse(readFileSync(path, 'utf8'), {
    bom: true,
    relax_column_count: true,
  }) as string[][];
  writeCsv(dir, file, edit(records));
}

export function writeCsv(dir: string, file: string, records: string[][]): void {
  writeFileSync(
    join(dir, file),
    records.map((r) => r.map(csvQuote).join(',')).join('\r\n') + '\r\n',
  );
}

/** The index of a header in a CSV's first record. */
export function column(records: string[][], header: string): number {
  const index = records[0].indexOf(header);
  if (index < 0) throw new Error(`no column ${header}`);
  return index;
}
