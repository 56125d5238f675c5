#!/usr/bin/env node
/*
 * Deployment at scale (issue 20): two API processes (`main.js --role api`, two ports) and two
 * worker processes (`--role worker`) of the build, on a fresh database of the machine's
 * PostgreSQL and a Redis database number with a QUEUE_PREFIX of their own. A round of `--base`
 * dossiers is imported and checked first; then `--clients` HTTP clients, spread over both
 * APIs, ask for list pages (bench/list.mjs's mix), the dashboard and dossier pages while a
 * bundle of `--applicants` is uploaded through one API and checked by both workers.
 *
 *   npm run build:server && npm run bench:scale [-- --applicants 4000] [--base 1000]
 *     [--clients 50] [--redis redis://127.0.0.1:6379/12] [--repeat 1] [--no-scaling]
 *
 * Verified, from a trace the script adds to its own database (triggers on dossiers.checked_version
 * and check_results, naming the process by its connection's application_name) and the workers'
 * Prometheus metrics and the checks queue's events: every dossier checked at its inputs version
 * (none lost), no dossier judged twice at one version (a job id run again must find its version
 * judged), the upload imported once (one run, its revisions and row counts once), and no HTTP
 * 5xx. Prints the latency under load, then the check throughput of 1 and of 2
 * worker processes on the same bundle (a fresh database each) and their ratio. Exit 1 when
 * anything was lost, done twice or answered 5xx.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../test/support/free-port.mjs';
import {
  accountSession,
  assertBuilt,
  benchEnv,
  CLI,
  cliOf,
  createDatabase,
  GENERATOR,
  listQuery,
  listRequests,
  quantile,
  ROOT,
  sleep,
  startProcess,
  until,
  uploadBundle,
} from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '4000' },
    base: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '50' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379/12' },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '900' },
    repeat: { type: 'string', default: '1' },
    'no-scaling': { type: 'boolean', default: false },
  },
});
assertBuilt();
const TIMEOUT_MS = Number(values.timeout) * 1000;
const METRICS_TOKEN = 'bench-scale-metrics';
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const round1 = (ms) => Math.round(ms * 10) / 10;

/** A generated bundle in a folder of its own. */
function generate(applicants, seed) {
  const out = mkdtempSync(join(tmpdir(), 'shinsa-bench-scale-'));
  execFileSync(
    process.execPath,
    [
      GENERATOR,
      '--out',
      out,
      '--applicants',
      String(applicants),
      '--seed',
      String(seed),
      '--quiet',
    ],
    { cwd: ROOT },
  );
  return out;
}

/**
 * Who judged which dossier at which version: a row each time a dossier's checked_version grows
 * and each time its results are written, with the writing connection's application_name (each
 * process is given its own) and the time. Added to the benchmark's database only.
 */
const TRACE = `
  CREATE TABLE bench_checked (dossier_id bigint, version integer, app text,
                              at timestamptz NOT NULL DEFAULT clock_timestamp());
  CREATE TABLE bench_results (dossier_id bigint, app text,
                              at timestamptz NOT NULL DEFAULT clock_timestamp());
  CREATE FUNCTION bench_trace_checked() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_checked (dossier_id, version, app)
        VALUES (NEW.id, NEW.checked_version, current_setting('application_name'));
      RETURN NULL;
    END $$;
  CREATE FUNCTION bench_trace_results() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_results (dossier_id, app) VALUES (NEW.dossier_id, current_setting('application_name'));
      RETURN NULL;
    END $$;
  CREATE TRIGGER bench_trace_checked AFTER UPDATE OF checked_version ON dossiers
    FOR EACH ROW WHEN (NEW.checked_version > OLD.checked_version) EXECUTE FUNCTION bench_trace_checked();
  CREATE TRIGGER bench_trace_results AFTER INSERT OR UPDATE ON check_results
    FOR EACH ROW EXECUTE FUNCTION bench_trace_results();`;

/**
 * What the checks queue says of its jobs, read from its event stream as it goes (BullMQ's
 * QueueEvents): each job id's completions and whether they judged or found their version judged
 * already (`{ skipped }`, the processor's answer), jobs given back after their lock expired
 * (stalled), and additions that collapsed into a job already there.
 */
function watchChecks(prefix) {
  const url = new URL(values.redis);
  const events = new QueueEvents('checks', {
    prefix,
    connection: {
      host: url.hostname,
      port: Number(url.port || 6379),
      db: Number(url.pathname.slice(1) || 0),
    },
  });
  const completions = new Map();
  const counts = { completed: 0, judged: 0, skipped: 0, stalled: 0, duplicated: 0, failed: 0 };
  events.on('completed', ({ jobId, returnvalue }) => {
    const answer = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
    counts.completed++;
    // A dossier's own job answers { skipped }, a batch { judged, skipped, alone } (counts).
    const judged =
      typeof answer?.judged === 'number' ? answer.judged : answer?.skipped === false ? 1 : 0;
    const skipped =
      typeof answer?.skipped === 'number' ? answer.skipped : answer?.skipped === true ? 1 : 0;
    counts.judged += judged;
    counts.skipped += skipped;
    const seen = completions.get(jobId) ?? { runs: 0, judged: 0 };
    seen.runs++;
    if (judged > 0) seen.judged++;
    completions.set(jobId, seen);
  });
  events.on('stalled', () => counts.stalled++);
  events.on('duplicated', () => counts.duplicated++);
  events.on('failed', () => counts.failed++);
  return {
    ready: events.waitUntilReady(),
    summary: () => {
      const again = [...completions.values()].filter((c) => c.runs > 1);
      return {
        ...counts,
        jobIdsCompletedTwice: again.length,
        jobIdsJudgedTwice: again.filter((c) => c.judged > 1).length,
      };
    },
    close: () => events.close(),
  };
}

/** The database URL with a connection name, so the trace says which process wrote. */
function named(url, name) {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/**
 * A deployment of its own: a fresh database (migrated, traced), queues in Redis under its own
 * prefix, `apis` API processes and `workers` worker processes (metrics on a port each).
 */
async function deploy(label, { apis, workers }) {
  const db = await createDatabase('shinsa_scale');
  const env = benchEnv(db, {
    REDIS_URL: values.redis,
    HOST: '127.0.0.1',
    MIGRATE_ON_BOOT: 'false',
    METRICS_TOKEN,
    WORKER_CONCURRENCY: values.concurrency,
  });
  const cli = cliOf(env);
  cli(['migrate']);
  /** The command-line import, its report left out: committed and its checks queued on return. */
  const importBundle = (folder) =>
    execFileSync(process.execPath, [CLI, 'import', folder, '--round', '2021', '--json'], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query(TRACE);
  const processes = [];
  const jobs = watchChecks(env.QUEUE_PREFIX);
  await jobs.ready;
  const apiBases = [];
  const metricsUrls = [];
  for (let i = 1; i <= apis; i++) {
    const port = await freePort();
    processes.push(
      startProcess('api', {
        ...env,
        PORT: String(port),
        DATABASE_URL: named(db.url, `api-${i}`),
      }),
    );
    apiBases.push(`http://127.0.0.1:${port}`);
  }
  // Checks the workers' reconcilers found lost and queued again (their warning in the log).
  const reconciled = { checks: 0 };
  for (let i = 1; i <= workers; i++) {
    const port = await freePort();
    const worker = startProcess('worker', {
      ...env,
      METRICS_PORT: String(port),
      DATABASE_URL: named(db.url, `worker-${i}`),
    });
    worker.child.stderr.on('data', (chunk) => {
      for (const m of String(chunk).matchAll(/(\d+) checks lost and queued again/g)) {
        reconciled.checks += Number(m[1]);
      }
    });
    processes.push(worker);
    metricsUrls.push(`http://127.0.0.1:${port}/metrics`);
  }
  for (const base of apiBases) {
    await until(() => fetch(`${base}/api/health`).then(() => true), 120000, `${base} to answer`);
  }
  await until(
    async () =>
      (await sql.query(`SELECT count(*)::int AS n FROM worker_heartbeats`)).rows[0].n >= workers,
    120000,
    `${workers} worker(s) to start`,
  );
  const query = async (text, params) => (await sql.query(text, params)).rows;
  return {
    label,
    db,
    env,
    cli,
    importBundle,
    query,
    processes,
    apiBases,
    /** Every worker's metrics, summed by series (name and labels). */
    metrics: async () => {
      const sums = new Map();
      for (const url of metricsUrls) {
        const text = await (
          await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
        ).text();
        for (const line of text.split('\n')) {
          const m = /^(\S+) (\S+)$/.exec(line);
          if (m && !line.startsWith('#')) sums.set(m[1], (sums.get(m[1]) ?? 0) + Number(m[2]));
        }
      }
      return sums;
    },
    waiting: async () =>
      (
        await query(
          `SELECT count(*) FILTER (WHERE checked_version < inputs_version)::int AS n FROM dossiers`,
        )
      )[0].n,
    crashed: () => processes.filter((p) => !p.killed && !p.alive()),
    jobs,
    reconciled,
    tearDown: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await jobs.close();
      await sql.end().catch(() => undefined);
      await db.drop().catch(() => undefined);
      rmSync(env.DATA_DIR, { recursive: true, force: true });
      // The deployment's queue keys, and nothing else of the shared Redis.
      const redis = new Redis(values.redis);
      for await (const keys of redis.scanStream({ match: `${env.QUEUE_PREFIX}:*`, count: 1000 })) {
        if (keys.length) await redis.del(...keys);
      }
      redis.disconnect();
    },
  };
}

async function allChecked(world, what) {
  await until(async () => (await world.waiting()) === 0, TIMEOUT_MS, what);
}

/** Checks per second over the trace's rows after `since`, by the first and last write. */
async function checkRate(world, since) {
  const [row] = await world.query(
    `SELECT count(*)::int AS n, extract(epoch FROM max(at) - min(at)) AS seconds
       FROM bench_checked WHERE at >= $1`,
    [since],
  );
  return { checks: row.n, seconds: Number(row.seconds), perSecond: row.n / Number(row.seconds) };
}

/**
 * `clients` concurrent clients, each on one of `bases` in turn, asking for list pages, the
 * dashboard and dossier pages (ids from the lists they got) until `stop()`; every answer's
 * latency is kept by kind, and every 5xx or failed request counted.
 */
function startLoad(bases, cookie, clients, total, names, dossierIds) {
  const lists = listRequests(total, names);
  const kinds = [...lists.map(([name]) => `list: ${name}`), 'dashboard', 'dossier', 'dossier'];
  const latencies = new Map(kinds.map((k) => [k, []]));
  const statuses = new Map();
  const serverErrors = [];
  let stopped = false;
  let turn = 0;
  const one = async (base) => {
    const kind = kinds[turn++ % kinds.length];
    let path;
    if (kind === 'dashboard') path = '/api/dashboard?roundId=2021';
    else if (kind === 'dossier') {
      path = `/api/dossiers/${dossierIds[Math.floor(Math.random() * dossierIds.length)]}`;
    } else {
      path = `/api/dossiers?${listQuery(lists.find(([name]) => `list: ${name}` === kind)[1]())}`;
    }
    const started = performance.now();
    let status;
    try {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = await response.text();
      status = response.status;
      if (status >= 500) serverErrors.push(`${status} ${path}: ${body.slice(0, 200)}`);
      if (kind.startsWith('list') && response.ok) {
        for (const row of JSON.parse(body)) if (dossierIds.length < 20000) dossierIds.push(row.id);
      }
    } catch (error) {
      status = 'failed';
      serverErrors.push(`no answer ${path}: ${error.message}`);
    }
    latencies.get(kind).push(performance.now() - started);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  };
  const running = Array.from({ length: clients }, async (_, i) => {
    while (!stopped) await one(bases[i % bases.length]);
  });
  const startedAt = performance.now();
  return async () => {
    stopped = true;
    await Promise.all(running);
    const seconds = (performance.now() - startedAt) / 1000;
    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const byKind = Object.fromEntries(
      [...latencies].map(([kind, list]) => {
        list.sort((a, b) => a - b);
        return [
          kind,
          { n: list.length, p50: round1(quantile(list, 0.5)), p95: round1(quantile(list, 0.95)) },
        ];
      }),
    );
    return {
      requests: all.length,
      requestsPerSecond: Math.round(all.length / seconds),
      ms: {
        p50: round1(quantile(all, 0.5)),
        p95: round1(quantile(all, 0.95)),
        p99: round1(quantile(all, 0.99)),
        max: round1(all[all.length - 1]),
      },
      statuses: Object.fromEntries(statuses),
      serverErrors,
      byKind,
    };
  };
}

/** What went wrong in a deployment once everything settled: empty when nothing did. */
async function verify(world, uploadId) {
  const problems = [];
  const [state] = await world.query(
    `SELECT count(*)::int AS dossiers,
            count(*) FILTER (WHERE checked_version < inputs_version)::int AS "notChecked",
            count(*) FILTER (WHERE check_failed_version >= inputs_version)::int AS "failed"
       FROM dossiers`,
  );
  if (state.notChecked > 0) problems.push(`${state.notChecked} dossiers not checked (lost)`);
  if (state.failed > 0) problems.push(`${state.failed} dossiers' checks failed`);
  const [twice] = await world.query(
    `SELECT count(*)::int AS versions, count(*) FILTER (WHERE n > 1)::int AS twice
       FROM (SELECT dossier_id, version, count(*) AS n FROM bench_checked GROUP BY 1, 2) v`,
  );
  if (twice.twice > 0) problems.push(`${twice.twice} dossier-versions judged more than once`);
  // Each judgement writes the dossier's results once: results written as often as versions judged.
  const [results] = await world.query(
    `SELECT count(*)::int AS dossiers FROM
       (SELECT dossier_id, count(*) AS n FROM bench_checked GROUP BY 1) c
       FULL JOIN (SELECT dossier_id, count(*) AS n FROM bench_results GROUP BY 1) r USING (dossier_id)
      WHERE c.n IS DISTINCT FROM r.n`,
  );
  if (results.dossiers > 0) {
    problems.push(`${results.dossiers} dossiers' results written other than once a version`);
  }
  const byProcess = await world.query(
    `SELECT app, count(*)::int AS n FROM bench_checked GROUP BY 1 ORDER BY 1`,
  );
  const metrics = await world.metrics();
  const sum = (prefix) =>
    [...metrics].filter(([k]) => k.startsWith(prefix)).reduce((total, [, n]) => total + n, 0);
  const checkJobs = sum('shinsa_job_seconds_count{queue="checks"');
  // Jobs the imports queued; a job id (dossier and version) completed twice ran again (stalled,
  // or queued again once its first run was removed): harmless when the second run found its
  // version judged, a fault when it judged again.
  const [{ queued }] = await world.query(
    `SELECT coalesce(sum((report->>'queued')::int), 0)::int AS queued FROM imports`,
  );
  const jobs = world.jobs.summary();
  if (jobs.jobIdsJudgedTwice > 0) {
    problems.push(`${jobs.jobIdsJudgedTwice} check jobs judged their dossier twice`);
  }
  const summary = {
    dossiers: state.dossiers,
    versionsJudged: twice.versions,
    judgedBy: Object.fromEntries(byProcess.map((r) => [r.app, r.n])),
    checkJobsQueued: queued,
    checkJobsRun: checkJobs,
    checkJobEvents: jobs,
    checksQueuedAgainByReconcilers: world.reconciled.checks,
    checkJobFailures: sum('shinsa_job_failures_total{queue="checks"'),
  };
  if (uploadId) {
    const imports = await world.query(
      `SELECT id, status, resumed, report FROM imports ORDER BY created_at`,
    );
    const upload = imports.find((i) => i.id === uploadId);
    if (imports.length !== 2) problems.push(`${imports.length} imports recorded, 2 expected`);
    if (upload?.status !== 'done') problems.push(`the upload ended ${upload?.status}`);
    if (upload?.resumed !== 0) problems.push(`the upload was run ${1 + upload?.resumed} times`);
    const report = upload?.report ?? { dossiers: {}, files: [] };
    const [revisions] = await world.query(
      `SELECT count(*)::int AS n, count(DISTINCT dossier_id)::int AS dossiers
         FROM dossier_revisions WHERE import_id = $1`,
      [uploadId],
    );
    if (revisions.n !== report.dossiers.imported || revisions.dossiers !== revisions.n) {
      problems.push(
        `the upload wrote ${revisions.n} revisions of ${revisions.dossiers} dossiers, its report says ${report.dossiers.imported}`,
      );
    }
    // Rows the workers counted as imported (the upload ran in a worker) against its report.
    const reported = report.files.reduce((total, f) => total + f.imported, 0);
    const counted = sum('shinsa_import_rows_total{');
    const rejected = report.files.reduce((total, f) => total + f.rejected.length, 0);
    if (counted !== reported + rejected) {
      problems.push(
        `the workers counted ${counted} rows imported, the report ${reported + rejected}`,
      );
    }
    Object.assign(summary, {
      upload: {
        status: upload?.status,
        runs: 1 + (upload?.resumed ?? 0),
        created: report.dossiers.created,
        revised: report.dossiers.revised,
        unchanged: report.dossiers.unchanged,
        rejected: report.dossiers.rejected,
        revisionsWritten: revisions.n,
        rowsImported: reported,
        rowsCountedByWorkers: counted,
        seconds: round1(report.durationMs / 1000),
      },
    });
  }
  const crashed = world.crashed();
  for (const p of crashed) problems.push(`a ${p.role} process died:\n${p.stderr()}`);
  return { problems, summary };
}

// ── The run ──

const baseBundle = generate(values.base, 2);
const bundle = generate(values.applicants, 1);
let failed = false;
try {
  console.log(
    `2 API + 2 worker processes, queues on ${values.redis}, concurrency ${values.concurrency}; load average ${load()}`,
  );
  const world = await deploy('under load', { apis: 2, workers: 2 });
  try {
    world.importBundle(baseBundle);
    await allChecked(world, 'the base round to be checked');
    const { cookie } = await accountSession({ base: world.apiBases[0], cli: world.cli }, 'scale');
    const names = await world.query(
      `SELECT cert_no, family_name FROM dossiers ORDER BY random() LIMIT 50`,
    );
    const ids = (await world.query(`SELECT id::text AS id FROM dossiers`)).map((r) => r.id);
    console.log(
      `base round: ${ids.length} dossiers checked; ${values.clients} clients start; load average ${load()}`,
    );
    const stopLoad = startLoad(
      world.apiBases,
      cookie,
      Number(values.clients),
      Number(values.base) + Number(values.applicants),
      names,
      ids,
    );
    await sleep(5000);
    const [{ now: uploadedAt }] = await world.query(`SELECT clock_timestamp() AS now`);
    const started = Date.now();
    const uploadId = await uploadBundle(world.apiBases[1], cookie, bundle);
    await until(
      async () =>
        (await world.query(`SELECT status FROM imports WHERE id = $1`, [uploadId]))[0].status ===
        'done',
      TIMEOUT_MS,
      'the upload to be imported',
    );
    const imported = Date.now();
    await allChecked(world, 'every dossier to be checked');
    const checked = Date.now();
    const loadAtEnd = load();
    const answers = await stopLoad();
    const rate = await checkRate(world, uploadedAt);
    const { problems, summary } = await verify(world, uploadId);
    if (answers.serverErrors.length > 0) {
      problems.push(
        `${answers.serverErrors.length} requests answered 5xx or not at all, e.g.\n  ${answers.serverErrors.slice(0, 5).join('\n  ')}`,
      );
    }
    delete answers.serverErrors;
    console.log(
      JSON.stringify(
        {
          uploadImportedSeconds: round1((imported - started) / 1000),
          allCheckedSeconds: round1((checked - started) / 1000),
          checksUnderLoad: { n: rate.checks, perSecond: Math.round(rate.perSecond) },
          ...summary,
          http: answers,
          loadAverage: loadAtEnd,
        },
        null,
        2,
      ),
    );
    console.log(
      problems.length
        ? `PROBLEMS:\n- ${problems.join('\n- ')}`
        : 'nothing lost, nothing done twice, no 5xx',
    );
    failed ||= problems.length > 0;
  } finally {
    await world.tearDown();
  }

  if (!values['no-scaling']) {
    // 1 then 2 workers, `--repeat` times: the machine's other work changes from minute to minute.
    const rates = { 1: [], 2: [] };
    const runs = Array.from({ length: Number(values.repeat) }, () => [1, 2]).flat();
    for (const workers of runs) {
      const alone = await deploy(`${workers} worker(s)`, { apis: 0, workers });
      try {
        const [{ now: since }] = await alone.query(`SELECT clock_timestamp() AS now`);
        const loadBefore = load();
        const cpuBefore = (await alone.metrics()).get('shinsa_process_cpu_seconds_total');
        alone.importBundle(bundle);
        const imported = Date.now();
        await allChecked(alone, 'the checks');
        const afterImport = (Date.now() - imported) / 1000;
        const rate = await checkRate(alone, since);
        // CPU the worker processes used for the checks, in cores: how far they were the limit.
        const cpu = (await alone.metrics()).get('shinsa_process_cpu_seconds_total') - cpuBefore;
        const { problems, summary } = await verify(alone, null);
        failed ||= problems.length > 0;
        rates[workers].push(rate.perSecond);
        console.log(
          `${workers} worker process(es): ${rate.checks} checks in ${rate.seconds.toFixed(1)} s, ` +
            `${Math.round(rate.perSecond)} checks/s (all checked ${afterImport.toFixed(1)} s after the import); ` +
            `by process ${JSON.stringify(summary.judgedBy)}; the workers used ${(cpu / afterImport).toFixed(2)} cores; ` +
            `load average ${loadBefore} → ${load()}` +
            (problems.length ? `\n  PROBLEMS:\n  - ${problems.join('\n  - ')}` : ''),
        );
      } finally {
        await alone.tearDown();
      }
    }
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    console.log(
      `scaling 1 → 2 worker processes: ×${(median(rates[2]) / median(rates[1])).toFixed(2)}` +
        (runs.length > 2 ? ' (medians)' : ''),
    );
  }
} finally {
  rmSync(baseBundle, { recursive: true, force: true });
  rmSync(bundle, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
