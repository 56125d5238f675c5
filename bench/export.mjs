#!/usr/bin/env node
/*
 * Mailing list export benchmark (issue 8): a round grows to each size in turn (a generated
 * bundle imported once, then copied in SQL, every dossier decided and released, 合格 paid),
 * and `cli export` writes the results list as xlsx and as CSV (and, with --letters, the
 * result letters as one PDF), each in a process of its own, timed, with its peak memory
 * (maximum resident set, from /usr/bin/time). The same process writing an empty list gives
 * the baseline (start-up, connection, one pass): what the rows add is the difference.
 *
 *   npm run build && npm run bench:export [-- --sizes 5000,20000] [--base 1000] [--letters]
 *                                            [--heap-mb 96]
 *
 * Target: under 5 s each for 5,000 rows, and memory flat as rows grow (the files are written
 * as the rows are read, a batch at a time): each export runs with its JavaScript heap capped
 * (--heap-mb, 96 MB by default; 0 for none), so a list that held its rows would fail at the
 * larger size. Exits 1 when the time is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { assertBuilt, benchEnv, createDatabase, DIST, GENERATOR, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,20000' },
    base: { type: 'string', default: '1000' },
    letters: { type: 'boolean', default: false },
    'heap-mb': { type: 'string', default: '96' },
    keep: { type: 'boolean', default: false },
  },
});
assertBuilt();

const db = await createDatabase('shinsa_bench_export');
const env = benchEnv(db);
const cli = (args) =>
  execFileSync(process.execPath, [join(DIST, 'cli.js'), ...args], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
const out = mkdtempSync(join(tmpdir(), 'shinsa-bench-export-'));

/**
 * One export in a process of its own: wall time, maximum resident set (/usr/bin/time writes
 * "TIME <seconds> <max RSS KB>" to stderr) and the rows `cli export --json` reports.
 */
function runExport(size, list, ext) {
  const file = join(out, `${list}-${size}.${ext}`);
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'TIME %e %M',
      process.execPath,
      ...(Number(values['heap-mb']) > 0 ? [`--max-old-space-size=${values['heap-mb']}`] : []),
      join(DIST, 'cli.js'),
      'export',
      list,
      '--round',
      '2021',
      '--out',
      file,
      '--json',
    ],
    { env, cwd: ROOT, encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    const why = /heap out of memory/.test(child.stderr)
      ? 'out of memory'
      : child.stderr.slice(-500);
    return { file: null, seconds, rows: `failed: ${why}`, peakRssMb: null };
  }
  const kb = Number(/TIME \S+ (\d+)/.exec(child.stderr)[1]);
  return { file, seconds, rows: JSON.parse(child.stdout).rows, peakRssMb: Math.round(kb / 1024) };
}

const client = new pg.Client({ connectionString: db.url });
const report = [];
try {
  cli(['migrate']);
  const bundle = mkdtempSync(join(tmpdir(), 'shinsa-bench-export-bundle-'));
  execFileSync(
    process.execPath,
    [GENERATOR, '--out', bundle, '--applicants', values.base, '--quiet'],
    {
      cwd: ROOT,
    },
  );
  // The checks are not needed by the lists read here; they stay queued, unworked.
  cli(['import', bundle, '--round', '2021', '--json']);
  await client.connect();
  const columns = (
    await client.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'dossiers' AND column_name NOT IN ('id', 'cert_no') ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.column_name);

  /** Copies of the imported dossiers (認定番号 `<original>.<copy>`) until the round has `size`. */
  async function growTo(size) {
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM dossiers`)).rows;
    const base = Number(values.base);
    for (let copy = Math.ceil(n / base); copy * base < size; copy++) {
      await client.query(
        `INSERT INTO dossiers (cert_no, ${columns.join(', ')})
         SELECT cert_no || '.' || $1, ${columns.join(', ')} FROM dossiers WHERE cert_no NOT LIKE '%.%'
          ORDER BY cert_no LIMIT $2`,
        [copy, size - copy * base],
      );
    }
    await client.query(
      `INSERT INTO dossier_revisions (dossier_id, revision, content_hash, import_id, applicant, case_sheets, cases, attendances)
       SELECT n.id, r.revision, r.content_hash, r.import_id, r.applicant, r.case_sheets, r.cases, r.attendances
         FROM dossiers n
         JOIN dossiers o ON o.round_id = n.round_id AND o.cert_no = split_part(n.cert_no, '.', 1)
         JOIN dossier_revisions r ON r.dossier_id = o.id AND r.revision = o.revision
        WHERE n.cert_no LIKE '%.%'
          AND NOT EXISTS (SELECT 1 FROM dossier_revisions x WHERE x.dossier_id = n.id)`,
    );
    // Every dossier decided and released: one in five 不合格; 合格 paid the certification fee.
    await client.query(
      `INSERT INTO decisions (dossier_id, decision, reason_codes, revision, decided_by, released_by, released_at)
       SELECT id, CASE WHEN id % 5 = 0 THEN '不合格' ELSE '合格' END,
              CASE WHEN id % 5 = 0 THEN '{F01}'::text[] ELSE '{P01}'::text[] END,
              revision, 'bench', 'bench', now()
         FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM decisions x WHERE x.dossier_id = d.id)`,
    );
    await client.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       SELECT d.round_id, 'BENCH-' || d.cert_no, d.cert_no, '更新認定料', 22000, 110, '2022-03-20T10:00:00+09:00', 'カード', '入金済'
         FROM dossiers d
        WHERE d.id % 5 <> 0
          AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.round_id = d.round_id AND p.transaction_id = 'BENCH-' || d.cert_no)`,
    );
    // One in fifty moved after the results cut-off: listed apart.
    await client.query(
      `INSERT INTO address_changes (round_id, receipt_no, cert_no, received_at, recipient_name, postal_code, prefecture, address)
       SELECT d.round_id, 'BENCH-' || d.cert_no, d.cert_no, '2022-03-20T10:00:00+09:00', '京都病院 外科', '6008216', '京都府', '京都市下京区東塩小路町1'
         FROM dossiers d
        WHERE d.id % 50 = 0
       ON CONFLICT DO NOTHING`,
    );
    await client.query('ANALYZE');
  }

  for (const size of values.sizes.split(',').map(Number)) {
    await growTo(size);
    const kinds = [
      ['missing-items', 'csv', 'baseline (empty list)'],
      ['results', 'xlsx', 'results xlsx'],
      ['results', 'csv', 'results csv'],
      ...(values.letters ? [['result-letters', 'pdf', 'result letters pdf']] : []),
    ];
    for (const [list, ext, label] of kinds) {
      const { file, seconds, rows, peakRssMb } = runExport(size, list, ext);
      report.push({
        dossiers: size,
        export: label,
        rows,
        seconds: Number(seconds.toFixed(2)),
        peakRssMb,
        kb: file ? Math.round(statSync(file).size / 1024) : null,
      });
    }
  }
} finally {
  await client.end().catch(() => {});
  if (!values.keep) await db.drop();
}

console.table(report);
const slow = report.filter((r) => r.dossiers <= 5000 && r.seconds >= 5);
console.log(
  slow.length
    ? 'TARGET MISSED: over 5 s for 5,000 rows'
    : 'target met: under 5 s each for 5,000 rows',
);
process.exitCode = slow.length ? 1 : 0;
