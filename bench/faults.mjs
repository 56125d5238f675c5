#!/usr/bin/env node
/*
 * Faults benchmark (issue 17): kills worker processes and stops PostgreSQL or Redis while the
 * built server imports and checks a generated bundle, waits until the system settles, and
 * prints what was lost. Each scenario runs on a database and queues of its own, on a private
 * PostgreSQL cluster and a private Redis this script starts (never the machine's), with one
 * API process (`main.js --role api`) and worker processes (`main.js --role worker`).
 *
 *   npm run build:server && npm run bench:faults [-- --dossiers 3000] [--scenario name,…]
 *     [--reconcile 5] [--timeout 600]
 *
 * Scenarios: killed-after-commit (a worker SIGKILLed right after an upload's import committed),
 * killed-twice (the worker running an upload killed, and the one that took it up too),
 * redis-emptied (Redis restarted empty during the checks), postgres-import and
 * postgres-checks (PostgreSQL stopped 10 s during an upload's import, during the checks).
 * For each: dossiers never checked (neither checked nor listed as failed), imports not
 * finished, envelopes unread, worker processes that died on their own, and the time from the
 * end of the fault until nothing is outstanding. Target: nothing lost. Exit 1 otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort } from '../test/support/free-port.mjs';
import { startPrivatePostgres } from '../test/support/private-postgres.mjs';
import { startPrivateRedis } from '../test/support/private-redis.mjs';
import {
  accountSession,
  assertBuilt,
  benchEnv,
  CLI,
  cliOf,
  createDatabase,
  DIST,
  GENERATOR,
  ROOT,
  sleep,
  startProcess,
  until,
  uploadBundle,
} from './support.mjs';

const SCENARIOS = {
  'killed-after-commit': killedAfterCommit,
  'killed-twice': killedTwice,
  'redis-emptied': redisEmptied,
  'postgres-import': postgresDuringImport,
  'postgres-checks': postgresDuringChecks,
};

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '3000' },
    scenario: { type: 'string', default: Object.keys(SCENARIOS).join(',') },
    reconcile: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '600' },
  },
});
const DOSSIERS = Number(values.dossiers);
const chosen = values.scenario.split(',');
for (const name of chosen) {
  if (!SCENARIOS[name]) {
    console.error(`unknown scenario "${name}": one of ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
}
assertBuilt();
const { READER_VERSION } = await import(join(DIST, 'scans', 'reading', 'version.js'));

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** One scenario's world: its database, queues, data folder, API and workers. */
async function setUp(postgres, redis, bundle) {
  const db = await createDatabase('shinsa_faults', postgres.adminUrl);
  const port = await freePort();
  const env = benchEnv(db, {
    REDIS_URL: redis.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    MIGRATE_ON_BOOT: 'false',
    RECONCILE_SECONDS: values.reconcile,
  });
  execFileSync(process.execPath, [CLI, 'migrate'], { env, cwd: ROOT, stdio: 'ignore' });
  let client = null;
  const sql = async (query, params) => {
    if (!client) {
      const next = new pg.Client({ connectionString: db.url });
      // PostgreSQL stopped cuts the connection: the next query opens another.
      next.on('error', () => (client = null));
      await next.connect();
      client = next;
    }
    return client.query(query, params).catch((error) => {
      client = null;
      throw error;
    });
  };
  const processes = [];
  const world = {
    db,
    env,
    sql,
    processes,
    baseUrl: `http://127.0.0.1:${port}`,
    startWorker: () => {
      const worker = startProcess('worker', env);
      processes.push(worker);
      return worker;
    },
    /** The bundle's files uploaded in the console by a secretariat member: the import's id. */
    upload: async () => {
      const { cookie } = await accountSession(
        { base: world.baseUrl, cli: cliOf(env) },
        'jimu-faults',
      );
      return uploadBundle(world.baseUrl, cookie, bundle);
    },
    /** The command-line import: committed and its checks queued when it returns. */
    importWithCli: () =>
      execFileSync(process.execPath, [CLI, 'import', bundle, '--round', '2021', '--json'], {
        env,
        cwd: ROOT,
        stdio: 'ignore',
      }),
    importRow: async (id) =>
      (await sql(`SELECT status, heartbeat_at, resumed FROM imports WHERE id = $1`, [id])).rows[0],
    checked: async () =>
      (
        await sql(
          `SELECT count(*) FILTER (WHERE checked_version >= inputs_version)::int AS n FROM dossiers`,
        )
      ).rows[0].n,
    tearDown: async () => {
      processes.forEach((p) => p.kill());
      await client?.end().catch(() => undefined);
      await db.drop().catch(() => undefined);
      rmSync(env.DATA_DIR, { recursive: true, force: true });
    },
  };
  processes.push(startProcess('api', env));
  await until(
    () => fetch(`${world.baseUrl}/api/health`).then(() => true),
    60000,
    'the API to answer',
  );
  return world;
}

/** What is outstanding now: nothing, once the system settled. */
async function outstanding(world) {
  const { rows } = await world.sql(
    `SELECT
       (SELECT count(*)::int FROM dossiers) AS dossiers,
       (SELECT count(*)::int FROM dossiers
         WHERE checked_version < inputs_version AND check_failed_version < inputs_version) AS "neverChecked",
       (SELECT count(*)::int FROM dossiers
         WHERE checked_version < inputs_version AND check_failed_version >= inputs_version) AS "failedListed",
       (SELECT count(*)::int FROM imports WHERE status IN ('queued', 'running')) AS "importsUnfinished",
       (SELECT count(*)::int FROM imports WHERE status = 'failed') AS "importsFailed",
       (SELECT count(*)::int FROM (SELECT DISTINCT round_id, receipt_no FROM envelope_scans) s
          LEFT JOIN envelope_readings r USING (round_id, receipt_no)
         WHERE r.round_id IS NULL OR r.reader_version <> $1) AS "envelopesUnread"`,
    [READER_VERSION],
  );
  return rows[0];
}

// ── The scenarios: each returns when its last fault ended ──

async function killedAfterCommit(world) {
  const worker = world.startWorker();
  await world.upload();
  await until(
    async () => (await world.sql(`SELECT count(*)::int AS n FROM dossiers`)).rows[0].n === DOSSIERS,
    600000,
    'the import to commit its dossiers',
  );
  worker.kill();
  world.startWorker();
}

async function killedTwice(world) {
  const first = world.startWorker();
  const id = await world.upload();
  await until(async () => (await world.importRow(id)).heartbeat_at, 120000, 'the import to run');
  first.kill();
  const { heartbeat_at: lastBeat } = await world.importRow(id);
  world.startWorker();
  // BullMQ gives the job of a dead worker back once its lock expired (30 s) and a stalled
  // check saw it (every 30 s).
  const taken = await until(
    async () => {
      const row = await world.importRow(id);
      return row.heartbeat_at > lastBeat || !['queued', 'running'].includes(row.status)
        ? row
        : null;
    },
    300000,
    'the second worker to take the import up',
  );
  if (!['queued', 'running'].includes(taken.status)) {
    console.log(`  (the import ended ${taken.status} before the second kill)`);
  }
  world.processes.filter((p) => p.role === 'worker').forEach((p) => p.kill());
  world.startWorker();
}

/** Imports with the command line while a worker checks; returns with 10–70 % checked. */
async function checksUnderWay(world) {
  world.startWorker();
  world.importWithCli();
  await until(
    async () => {
      const checked = await world.checked();
      return checked >= DOSSIERS * 0.1 && checked < DOSSIERS * 0.7;
    },
    300000,
    'the checks to be under way',
  );
}

async function redisEmptied(world, { redis }) {
  await checksUnderWay(world);
  await redis.restartEmpty();
}

async function postgresDuringImport(world, { postgres }) {
  world.startWorker();
  const id = await world.upload();
  await until(async () => (await world.importRow(id)).heartbeat_at, 120000, 'the import to run');
  postgres.stop();
  await sleep(10000);
  postgres.start();
}

async function postgresDuringChecks(world, { postgres }) {
  await checksUnderWay(world);
  postgres.stop();
  await sleep(10000);
  postgres.start();
}

// ── The run ──

const bundle = mkdtempSync(join(tmpdir(), 'shinsa-bench-faults-'));
execFileSync(
  process.execPath,
  [GENERATOR, '--out', bundle, '--applicants', String(DOSSIERS), '--quiet'],
  { cwd: ROOT },
);
const postgres = await startPrivatePostgres();
const redis = await startPrivateRedis();
console.log(
  `${DOSSIERS} dossiers; private PostgreSQL and Redis; reconciler every ${values.reconcile} s`,
);
let lostAnything = false;
try {
  for (const name of chosen) {
    const world = await setUp(postgres, redis, bundle);
    try {
      const started = Date.now();
      await SCENARIOS[name](world, { postgres, redis });
      const faultEnded = Date.now();
      let state;
      let settled = false;
      const deadline = faultEnded + Number(values.timeout) * 1000;
      while (Date.now() < deadline) {
        state = await outstanding(world).catch(() => null);
        if (
          state &&
          state.dossiers === DOSSIERS &&
          state.neverChecked === 0 &&
          state.importsUnfinished === 0 &&
          state.envelopesUnread === 0
        ) {
          settled = true;
          break;
        }
        await sleep(500);
      }
      state ??= await outstanding(world);
      const crashed = world.processes.filter((p) => !p.killed && !p.alive());
      const lost =
        !settled ||
        crashed.length > 0 ||
        state.neverChecked + state.importsUnfinished + state.envelopesUnread > 0 ||
        state.dossiers !== DOSSIERS;
      lostAnything ||= lost;
      console.log(
        `${name}: ${settled ? `settled ${seconds(Date.now() - faultEnded)} after the fault ended` : `NOT SETTLED within ${values.timeout} s`}` +
          ` (scenario ${seconds(faultEnded - started)}); dossiers ${state.dossiers}/${DOSSIERS},` +
          ` never checked ${state.neverChecked}, failed checks listed ${state.failedListed},` +
          ` imports not finished ${state.importsUnfinished} (failed visibly ${state.importsFailed}),` +
          ` envelopes unread ${state.envelopesUnread}, processes died on their own ${crashed.length}` +
          ` — ${lost ? 'LOST WORK' : 'nothing lost'}`,
      );
      for (const p of crashed) console.log(`  ${p.role} died:\n${p.stderr()}`);
    } finally {
      await world.tearDown();
    }
  }
} finally {
  postgres.remove();
  await redis.stop();
  rmSync(bundle, { recursive: true, force: true });
}
process.exitCode = lostAnything ? 1 : 0;
