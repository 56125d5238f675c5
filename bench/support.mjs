/*
 * What the benchmark scripts share: where the build and the generator are, fresh databases on
 * the machine's PostgreSQL (BENCH_ADMIN_DATABASE_URL), a checked round served by the product
 * and a console account's session.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks `check` every 250 ms until it gives something (an error counts as nothing). */
export async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * A product process of the build (`main.js --role api|worker`) whose unexpected exit can be
 * told from a kill; the end of its stderr is kept for the message.
 */
export function startProcess(role, env) {
  const child = spawn(process.execPath, [join(DIST, 'main.js'), '--role', role], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const started = { role, child, killed: false, stderr: () => stderr };
  started.alive = () => child.exitCode === null && child.signalCode === null;
  started.kill = () => {
    started.killed = true;
    if (started.alive()) child.kill('SIGKILL');
  };
  /** SIGTERM, and the process's end. */
  started.stop = async () => {
    started.killed = true;
    if (!started.alive()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return started;
}

/**
 * The CSV files of a bundle folder uploaded as the console does (`POST /api/imports`) with a
 * session cookie: the queued import's id.
 */
export async function uploadBundle(base, cookie, bundle, roundId = '2021') {
  const form = new FormData();
  form.append('roundId', roundId);
  for (const file of readdirSync(bundle).filter((f) => f.endsWith('.csv'))) {
    form.append('files', new Blob([readFileSync(join(bundle, file))]), file);
  }
  const queued = await fetch(`${base}/api/imports`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  if (queued.status !== 202) {
    throw new Error(`upload answered ${queued.status}: ${await queued.text()}`);
  }
  return (await queued.json()).id;
}

/** The q-quantile of a sorted list. */
export const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * What people ask the dossier list for, by name (50 a page, different filters, searches, sorts
 * and pages), over a round of about `total` dossiers; `names` are some dossiers' cert_no and
 * family_name for the searches. Each maker gives the query of one list request.
 */
export function listRequests(total, names) {
  const anyPage = () => Math.floor(Math.random() * Math.max(1, total / 50));
  return [
    ['first page', () => ({ filter: { roundId: '2021' }, sort: ['certNo', 'ASC'], page: 0 })],
    [
      'kana, any page',
      () => ({ filter: { roundId: '2021' }, sort: ['kana', 'ASC'], page: anyPage() }),
    ],
    [
      'verdict review',
      () => ({
        filter: { roundId: '2021', verdict: 'review' },
        sort: ['updatedAt', 'DESC'],
        page: 0,
      }),
    ],
    [
      'undecided',
      () => ({ filter: { roundId: '2021', decision: 'none' }, sort: ['certNo', 'ASC'], page: 3 }),
    ],
    [
      'rule not passed',
      () => ({
        filter: { roundId: '2021', rule: 'case.diagnosis' },
        sort: ['certNo', 'ASC'],
        page: 0,
      }),
    ],
    [
      'mail not received',
      () => ({
        filter: { roundId: '2021', mail: 'notReceived' },
        sort: ['certNo', 'DESC'],
        page: 0,
      }),
    ],
    [
      'fee pending',
      () => ({ filter: { roundId: '2021', fee: 'pending' }, sort: ['certNo', 'ASC'], page: 1 }),
    ],
    [
      'unassigned on hold',
      () => ({
        filter: { roundId: '2021', unassigned: true, decision: '保留' },
        sort: ['certNo', 'ASC'],
        page: 0,
      }),
    ],
    [
      'search',
      () => {
        const n = names[Math.floor(Math.random() * names.length)];
        return {
          filter: { roundId: '2021', q: Math.random() < 0.5 ? n.cert_no : n.family_name },
          sort: ['certNo', 'ASC'],
          page: 0,
        };
      },
    ],
  ];
}

/** The query string of a list request made by one of listRequests' makers. */
export function listQuery({ filter, sort, page }) {
  return new URLSearchParams({
    filter: JSON.stringify(filter),
    sort: JSON.stringify(sort),
    range: JSON.stringify([page * 50, page * 50 + 49]),
  });
}
