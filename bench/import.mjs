#!/usr/bin/env node
/*
 * Import benchmark (issues 3 and 20): imports generated bundles with the real CLI and compares
 * the time with PostgreSQL's own COPY of the same CSV files into bare text tables, in the same run.
 *
 *   npm run bench:import [-- --applicants 1000,5000,20000] [--redis redis://127.0.0.1:6379/14]
 *
 * Prints, per size: rows, COPY time, import time (the CLI end to end, and the import itself as
 * recorded in its report), the ratio to COPY, and the peak RSS of the import process (threads
 * included). Targets (issue 20): 20,000 applicants within 300 MB peak, 5,000 within 10x COPY
 * (the CLI end to end); exits 1 when a target of a size measured is missed.
 * Needs the build (npm run build) and the machine's PostgreSQL (BENCH_ADMIN_DATABASE_URL).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { assertBuilt, CLI, createDatabase, GENERATOR, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '1000,5000,20000' },
    redis: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const sizes = values.applicants.split(',').map(Number);
assertBuilt();

/** PostgreSQL's own COPY of every CSV into bare text tables: the yardstick. */
async function copyBaseline(dir, url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    for (const file of files) {
      const header = readFileSync(join(dir, file), 'utf8')
        .split(/\r?\n/, 1)[0]
        .replace(/^\uFEFF/, '');
      const columns = header.split(',').map((_, i) => `c${i} text`);
      await client.query(`CREATE TABLE "copy_${file.replace('.csv', '')}" (${columns.join(', ')})`);
    }
    const started = process.hrtime.bigint();
    for (const file of files) {
      const table = `"copy_${file.replace('.csv', '')}"`;
      await pipeline(
        createReadStream(join(dir, file)),
        client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)),
      );
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

/** Peak resident memory of a process and its threads (Linux: VmHWM). */
function peakRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function runImport(dir, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'import', dir, '--round', '2021', '--json'], {
      env: { ...process.env, ...env },
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakRss(child.pid))), 20);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`import exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds, peakMb: peak, report: JSON.parse(stdout) });
    });
  });
}

const results = [];
for (const applicants of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `shinsa-bench-${applicants}-`));
  execFileSync(
    process.execPath,
    [GENERATOR, '--out', dir, '--applicants', String(applicants), '--seed', values.seed, '--quiet'],
    {
      cwd: ROOT,
    },
  );
  const db = await createDatabase('shinsa_bench');
  const { name, url } = db;
  try {
    const env = {
      DATABASE_URL: url,
      REDIS_URL: values.redis ?? '',
      QUEUE_PREFIX: name,
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-bench-data-')),
    };
    execFileSync(process.execPath, [CLI, 'migrate'], {
      env: { ...process.env, ...env },
      cwd: ROOT,
      stdio: 'ignore',
    });
    const copySeconds = await copyBaseline(dir, url);
    const run = await runImport(dir, env);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT (report->>'durationMs')::int AS ms FROM imports ORDER BY created_at DESC LIMIT 1`,
    );
    await client.end();
    const rowsTotal = run.report.files.reduce((n, f) => n + f.rows, 0);
    const cases = run.report.files.find((f) => f.file === 'cases.csv').rows;
    results.push({
      applicants,
      rows: rowsTotal,
      cases,
      files: run.report.files.length,
      copySeconds,
      importSeconds: rows[0].ms / 1000,
      cliSeconds: run.seconds,
      ratio: run.seconds / copySeconds,
      peakMb: run.peakMb,
      dossiers: run.report.dossiers.imported,
    });
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n, d = 2) => n.toFixed(d);
console.log(
  `queue backend: ${values.redis ? `Redis ${values.redis}` : 'PostgreSQL'}; Node ${process.version}`,
);
console.log(
  'applicants   rows (cases)        files  COPY s  import s  CLI s   CLI/COPY  peak RSS MB  µs/row',
);
for (const r of results) {
  console.log(
    [
      String(r.applicants).padStart(10),
      `${r.rows} (${r.cases})`.padStart(19),
      String(r.files).padStart(6),
      fmt(r.copySeconds).padStart(7),
      fmt(r.importSeconds).padStart(9),
      fmt(r.cliSeconds).padStart(6),
      `${fmt(r.ratio, 1)}x`.padStart(9),
      fmt(r.peakMb, 0).padStart(12),
      fmt((r.cliSeconds * 1e6) / r.rows, 1).padStart(7),
    ].join(' '),
  );
}
const five = results.find((r) => r.applicants === 5000);
const twenty = results.find((r) => r.applicants === 20000);
const verdicts = [];
if (five) {
  const ok = five.ratio <= 10;
  verdicts.push(ok);
  console.log(
    `5,000 applicants: ${fmt(five.cliSeconds)} s, ${fmt(five.ratio, 1)}x COPY (target <= 10x): ${ok ? 'target met' : 'TARGET MISSED'}`,
  );
}
if (twenty) {
  const ok = twenty.peakMb <= 300;
  verdicts.push(ok);
  console.log(
    `20,000 applicants: ${fmt(twenty.peakMb, 0)} MB peak (target <= 300 MB): ${ok ? 'target met' : 'TARGET MISSED'}`,
  );
}
process.exitCode = verdicts.every(Boolean) ? 0 : 1;
