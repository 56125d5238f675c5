/*
 * What the benchmark scripts share: where the build and the generator are, fresh databases on
 * the machine's PostgreSQL (BENCH_ADMIN_DATABASE_URL), a checked round served by the product
 * and a console account's session.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist', 'server');
export const CLI = join(DIST, 'cli.js');
/** The bundle generator the tests use (vendored from the shared folder: see its README). */
export const GENERATOR = join(ROOT, 'test', 'support', 'generator', 'gen-bundle.mjs');
const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Stops with a clear message when the build is missing. */
export function assertBuilt() {
  if (!existsSync(CLI)) {
    console.error('dist/server/cli.js is missing: run `npm run build` first');
    process.exit(2);
  }
}

async function admin(sql, adminUrl = ADMIN_URL) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database (on another server with `adminUrl`); `drop()` removes it. */
export async function createDatabase(prefix, adminUrl = ADMIN_URL) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl),
  };
}

/**
 * The environment of the product's processes run by a benchmark: its own database, queues on
 * PostgreSQL under the database's name, a fresh data folder, quiet logs.
 */
export function benchEnv(db, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: '',
    QUEUE_PREFIX: db.name,
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-bench-data-')),
    ...extra,
  };
}

/** The product's command line on a benchmark's environment; `input` goes to its stdin. */
export function cliOf(env) {
  return (args, input) =>
    execFileSync(process.execPath, [CLI, ...args], {
      env,
      cwd: ROOT,
      input,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'inherit'],
    });
}

/**
 * A round of `applicants` generated dossiers (2021) imported into a new database and checked,
 * served by the built product (API and worker in one process) on `port`, with `env` added to
 * its environment. `stop()` ends the server and drops the database unless `keep`.
 */
export async function checkedRound({ applicants, port, prefix, env: extra = {} }) {
  const db = await createDatabase('shinsa_bench');
  const env = benchEnv(db, { PORT: String(port), ...extra });
  const cli = cliOf(env);
  const client = new pg.Client({ connectionString: db.url });
  let server;
  const stop = async ({ keep = false } = {}) => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await client.end().catch(() => undefined);
    if (keep) console.log(`database kept: ${db.url}`);
    else await db.drop();
  };
  try {
    cli(['migrate']);
    const bundle = mkdtempSync(join(tmpdir(), `${prefix}-`));
    execFileSync(
      process.execPath,
      [GENERATOR, '--out', bundle, '--applicants', String(applicants), '--quiet'],
      { cwd: ROOT },
    );
    server = spawn(process.execPath, [join(DIST, 'main.js')], { env, cwd: ROOT, stdio: 'inherit' });
    cli(['import', bundle, '--round', '2021', '--json']);
    await client.connect();
    process.stdout.write('waiting for the checks');
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE checked_version < inputs_version)::int AS waiting FROM dossiers`,
      );
      if (rows[0].waiting === 0) break;
      process.stdout.write('.');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    process.stdout.write('\n');
    // The worker may finish the checks before the API listens (a loaded machine).
    for (let tries = 0; ; tries++) {
      const up = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (up) break;
      if (tries === 120) throw new Error(`the server does not answer on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, env, cli, client, base: `http://127.0.0.1:${port}`, stop };
}

const cookiesOf = (response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/**
 * A console account of `role` added on the command line, logged in, its one-time password
 * changed through the API as the product asks. Returns its password and the session cookie.
 */
export async function accountSession({ base, cli }, login, role = 'secretariat') {
  const first = 'correct-horse-battery-9';
  const password = `${first}x`;
  cli(['user', 'add', login, '--role', role, '--password-stdin'], `${first}\n`);
  const answer = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: first }),
  });
  if (!answer.ok) throw new Error(`login: HTTP ${answer.status} ${await answer.text()}`);
  let cookie = cookiesOf(answer);
  const changed = await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    headers: { cookie, 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ currentPassword: first, newPassword: password }),
  });
  if (!changed.ok) throw new Error(`password: HTTP ${changed.status} ${await changed.text()}`);
  if (changed.headers.getSetCookie().length) cookie = cookiesOf(changed);
  return { password, cookie };
}
