#!/usr/bin/env node
/*
 * Checks benchmark (issue 4): imports a generated bundle with the CLI while a worker process
 * (`main.js --role worker`) runs the checks queue, and prints how long the checks of every
 * dossier took after the import ended, and dossiers checked per second.
 *
 *   npm run bench:checks [-- --applicants 5000] [--redis redis://127.0.0.1:6379/14] [--workers 1]
 *
 * Target: the checks of 5,000 dossiers done within 30 s after their import, on both backends.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'server');
const GENERATOR = join(
  process.env.SHINSA_SHARED_DIR ?? join(ROOT, '..', 'shared'),
  'tools',
  'gen-bundle.mjs',
);
const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '5000' },
    redis: { type: 'string' },
    workers: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
  },
});
if (!existsSync(join(DIST, 'cli.js'))) {
  console.error('dist/server is missing: run `npm run build` first');
  process.exit(2);
}

const admin = async (sql) => {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};

const name = `shinsa_bench_${randomBytes(4).toString('hex')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const env = {
  ...process.env,
  DATABASE_URL: url.toString(),
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
await admin(`CREATE DATABASE ${name}`);
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
  const client = new pg.Client({ connectionString: url.toString() });
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
  const ok = rows[0].n >= 5000 ? seconds < 30 : true;
  console.log(ok ? 'target met (5,000 within 30 s)' : 'TARGET MISSED (5,000 within 30 s)');
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const w of workers) w.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(bundle, { recursive: true, force: true });
}
