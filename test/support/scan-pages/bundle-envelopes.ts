import { parse } from 'csv-parse/sync';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nfkc, parseDate } from '../../../server/imports/csv/normalise.js';
import {
  planEnvelope,
  scanEnvelope,
  type EnvelopePlan,
  type ExpectedFinding,
} from './envelopes.mjs';

/** An envelope of a bundle, scanned as a real device would, with what a clerk would find. */
export interface ScannedEnvelope {
  certNo: string;
  receiptNo: string;
  effect: string;
  files: string[];
  expected: ExpectedFinding[];
  plan: EnvelopePlan;
}

/** A UTF-8 CSV of the bundle as records by column name, cells NFKC'd as the import reads them. */
function table(dir: string, file: string): Record<string, string>[] {
  const records = parse(readFileSync(join(dir, file), 'utf8'), {
    bom: true,
    columns: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  return records.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, nfkc(v ?? '').trim()])),
  );
}

/**
 * Replaces the generator's drawings of some envelopes of a bundle by realistic scans of the
 * applicant's own documents (their name, case sheets, listed meetings and certificate, as the
 * bundle's CSVs hold them), drawn and degraded by the renderer of this folder: `scans/` then
 * holds `<受付番号>.pdf` (or the renderer's files) for each. Returns what each holds.
 */
export async function scanBundleEnvelopes(
  dir: string,
  wanted: { certNo: string; effect: string; defects?: string[] }[],
): Promise<ScannedEnvelope[]> {
  const applicants = table(dir, 'applicants.csv');
  const sheets = table(dir, 'case_sheets.csv');
  const cases = table(dir, 'cases.csv');
  const attendances = table(dir, 'attendances.csv');
  const meetings = new Map(table(dir, 'meetings.csv').map((m) => [m['学術集会コード'], m]));
  const mail = table(dir, 'mail.csv');
  const scansDir = join(dir, 'scans');
  mkdirSync(scansDir, { recursive: true });
  const out: ScannedEnvelope[] = [];
  for (const [index, { certNo, effect, defects = [] }] of wanted.entries()) {
    const a = applicants.find((r) => r['認定番号'] === certNo);
    const envelope = mail.find((r) => r['認定番号'] === certNo);
    if (!a || !envelope) throw new Error(`No applicant or envelope ${certNo} in ${dir}`);
    const receiptNo = envelope['受付番号'];
    const sheetNos = [
      ...new Set(
        [...sheets, ...cases]
          .filter((r) => r['認定番号'] === certNo)
          .map((r) => Number(r['一覧表番号'])),
      ),
    ].sort();
    const listed = attendances
      .filter((r) => r['認定番号'] === certNo)
      .map((r) => ({ no: Number(r['番号']), meeting: meetings.get(r['学術集会コード']) }))
      .filter((r) => r.meeting)
      .sort((x, y) => x.no - y.no)
      .map(({ no, meeting }) => ({
        no,
        meeting: {
          name: meeting!['学術集会名'],
          start: parseDate(meeting!['開催開始日']),
          end: parseDate(meeting!['開催終了日']),
        },
      }));
    const plan = planEnvelope(index, {
      effect,
      defects,
      applicant: {
        certNo,
        receiptNo,
        family: a['姓'],
        given: a['名'],
        maidenName: a['旧姓'] || null,
        sheetNos,
        attendances: listed,
        palliativeNo: a['更新猶予歴'] === '有' ? a['緩和ケア修了証書番号'] || '000000' : null,
      },
    });
    const ofEnvelope = (f: string) =>
      f.startsWith(`${receiptNo}-`) || f.startsWith(`${receiptNo}.`);
    for (const old of readdirSync(scansDir).filter(ofEnvelope)) {
      rmSync(join(scansDir, old));
    }
    const files = await scanEnvelope(plan);
    for (const file of files) writeFileSync(join(scansDir, file.name), file.bytes);
    out.push({
      certNo,
      receiptNo,
      effect,
      files: files.map((f) => f.name),
      expected: plan.expected,
      plan,
    });
  }
  return out;
}
