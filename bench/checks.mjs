#!/usr/bin/env node
/*
 * Checks benchmark (issues 4 and 20): imports a generated bundle with the CLI while worker
 * processes (`main.js --role worker`) run the checks queue, and prints how long the checks of
 * every dossier took after the import ended, and dossiers checked per second.
 *
 *   npm run bench:checks [-- --applicants 5000] [--redis redis://127.0.0.1:6379/14] [--workers 1]
 *
 * Target: the checks of 5,000 dossiers done within 10 s after their import, on both backends
 * (exit code 1 when missed).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { assertBuilt, createDatabase, DIST, GENERATOR, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '5000' },
    redis: { type: 'string' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
  },
});
assertBuilt();

/** The checks of 5,000 dossiers, done at most this long after their import. */
const TARGET_SECONDS = 10;

const db = await createDatabase('shinsa_bench');
const { name } = db;
const { url } = db;
const env = {
  ...process.env,
  DATABASE_URL: url,
  REDIS_URL: values.redis ?? '',
  QUEUE_PREFIX: name,
  LOG_LEVEL: 'warn',
  WORKER_CONCURRENCY: values.concurrency,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-bench-data-')),
};
const bundle = mkdtempSync(join(tmpdir(), 'shinsa-bench-checks-'));
execFileSync(
  process.execPath,
  [GENERATOR, '--out', bundle, '--applicants', values.applicants, '--quiet'],
  { cwd: ROOT },
);
const workers = [];
try {
  execFileSync(process.execPath, [join(DIST, 'cli.js'), 'migrate'], {
    env,
    cwd: ROOT,
    stdio: 'ignore',
  });
  for (let i = 0; i < Number(values.workers); i++) {
    workers.push(
      spawn(process.execPath, [join(DIST, 'main.js'), '--role', 'worker'], {
        env,
        cwd: ROOT,
        stdio: 'ignore',
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const started = Date.now();
  execFileSync(
    process.execPath,
    [join(DIST, 'cli.js'), 'import', bundle, '--round', '2021', '--json'],
    {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const imported = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let waiting = Infinity;
  while (waiting > 0) {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE checked_version < inputs_version)::int AS waiting, count(*)::int AS total FROM dossiers`,
    );
    waiting = rows[0].waiting;
    if (waiting > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const done = Date.now();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM dossiers`);
  const results = await client.query(`SELECT count(*)::int AS n FROM check_results`);
  await client.end();
  const seconds = (done - imported) / 1000;
  console.log(
    `queue backend: ${values.redis ? `Redis ${values.redis}` : 'PostgreSQL'}; ${values.workers} worker process(es), concurrency ${values.concurrency}`,
  );
  console.log(`import: ${((imported - started) / 1000).toFixed(2)} s for ${rows[0].n} dossiers`);
  console.log(
    `checks: ${seconds.toFixed(2)} s after the import, ${(rows[0].n / seconds).toFixed(0)} dossiers/s, ${results.rows[0].n} results stored`,
  );
  const ok = rows[0].n >= 5000 ? seconds <= TARGET_SECONDS : true;
  console.log(
    `${ok ? 'target met' : 'TARGET MISSED'} (5,000 within ${TARGET_SECONDS} s); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const w of workers) w.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await db.drop();
  rmSync(bundle, { recursive: true, force: true });
}
