#!/usr/bin/env node
/*
 * Read speed over ten rounds (issue 20): one generated round (2021, the current one) imported
 * and checked, then nine past rounds (2012–2020) grown from it in SQL, 4,000 dossiers each with
 * their revisions, check results, decisions (all released), payments, e-learning, envelopes,
 * masters and reviewer assignments; the current round part way through (a fifth on hold
 * through the API, a fifth 合格 waiting for release). After ANALYZE, 50 clients signed in as
 * the secretariat ask, on the current round, for what the console asks for: list pages
 * (bench/list.mjs's mix of filters, searches, sorts and pages), the dashboard, and dossier
 * pages (the four requests the page makes at once: the dossier, its neighbours in the list,
 * its decisions and the decision warnings). Latency is measured at the client.
 *
 * Each client, after an answer, waits a random 0 to 2 × --think-ms (1 s on average: fifty
 * people clicking once a second, busier than a secretariat is) before its next action; with
 * --think-ms 0 they ask as fast as the server answers, which measures how much it serves, not
 * how long one waits (a closed loop of 50: each waits for the 49 others' requests).
 *
 *   npm run build:server && npm run bench:rounds [-- --applicants 4000] [--rounds 10]
 *       [--clients 50] [--requests 3000] [--think-ms 1000] [--keep] [--database URL]
 *
 * --keep keeps the grown database (its URL printed); --database URL runs the requests again on
 * a kept one (migrated first, nothing grown).
 *
 * Targets: p95 ≤ 50 ms for the list and for the dashboard, ≤ 30 ms for a dossier page (all
 * four of its requests answered). Exits 1 when one is missed or a request fails.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  accountSession,
  assertBuilt,
  benchEnv,
  checkedRound,
  cliOf,
  DIST,
  listQuery,
  listRequests,
  quantile,
  ROOT,
} from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '50' },
    requests: { type: 'string', default: '3000' },
    'think-ms': { type: 'string', default: '1000' },
    port: { type: 'string', default: '3933' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
assertBuilt();
const CURRENT = '2021';
const REVIEWERS = 10;

/** A kept database served again: migrated (new migrations apply), the server started. */
async function servedAgain(url, port) {
  const name = new URL(url).pathname.slice(1);
  const env = benchEnv({ name, url }, { PORT: String(port) });
  const cli = cliOf(env);
  cli(['migrate']);
  const server = spawn(process.execPath, [join(DIST, 'main.js')], {
    env,
    cwd: ROOT,
    stdio: 'inherit',
  });
  for (let tries = 0; ; tries++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (up) break;
    if (tries === 120) throw new Error(`the server does not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await client.end().catch(() => undefined);
    console.log(`database kept: ${url}`);
  };
  return { env, cli, client, base: `http://127.0.0.1:${port}`, stop };
}

/** Columns of `table` but those named in `except`, comma-separated. */
async function columnsOf(client, table, except) {
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_name = $1 AND NOT (column_name = ANY($2)) ORDER BY ordinal_position`,
    [table, except],
  );
  return rows.map((r) => r.column_name).join(', ');
}

/**
 * The nine past rounds, copies of the current one in SQL (same 認定番号: people renew round
 * after round), every dossier decided and released, 合格 paid; the current round's reviewers
 * assigned; a fifth of it 合格 waiting for release.
 */
async function grow(client, rounds) {
  const t = performance.now();
  // Reviewers (no one signs in as them here), two to each of four dossiers in five.
  await client.query(
    `INSERT INTO users (login, display_name, role, password_hash)
     SELECT 'reviewer' || i, '審査委員 ' || i, 'reviewer', 'x' FROM generate_series(1, ${REVIEWERS}) i
     ON CONFLICT DO NOTHING`,
  );
  const assign = (roundId) =>
    client.query(
      `INSERT INTO assignments (dossier_id, reviewer_id, assigned_by)
       SELECT d.id, u.id, 'bench' FROM dossiers d
         JOIN users u ON u.login IN ('reviewer' || (1 + d.id % ${REVIEWERS}),
                                     'reviewer' || (1 + (d.id + 3) % ${REVIEWERS}))
        WHERE d.round_id = $1 AND d.id % 5 <> 0
       ON CONFLICT DO NOTHING`,
      [roundId],
    );
  await assign(CURRENT);
  // A fifth of the current round 合格 (recorded, not released); another fifth goes on hold later.
  await client.query(
    `INSERT INTO decisions (dossier_id, decision, reason_codes, revision, decided_by)
     SELECT id, '合格', '{P01}', revision, 'bench' FROM dossiers d
      WHERE round_id = $1 AND id % 5 = 1
        AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.dossier_id = d.id)`,
    [CURRENT],
  );
  const dossierColumns = await columnsOf(client, 'dossiers', ['id', 'round_id']);
  const copy = async (table, roundId) => {
    const columns = await columnsOf(client, table, ['round_id', 'file_order']);
    await client.query(
      `INSERT INTO ${table} (round_id, ${columns}) SELECT $1, ${columns} FROM ${table} WHERE round_id = $2`,
      [roundId, CURRENT],
    );
  };
  const first = Number(CURRENT) - rounds + 1;
  for (let year = first; year < Number(CURRENT); year++) {
    const roundId = String(year);
    const exists = await client.query(`SELECT 1 FROM rounds WHERE id = $1`, [roundId]);
    if (exists.rowCount) continue;
    const roundColumns = await columnsOf(client, 'rounds', ['id', 'label']);
    await client.query(
      `INSERT INTO rounds (id, label, ${roundColumns})
       SELECT $1, $3, ${roundColumns} FROM rounds WHERE id = $2`,
      [roundId, CURRENT, `${roundId}年度`],
    );
    for (const table of ['societies', 'meetings', 'facilities']) await copy(table, roundId);
    await client.query(
      `INSERT INTO dossiers (round_id, ${dossierColumns})
       SELECT $1, ${dossierColumns} FROM dossiers WHERE round_id = $2`,
      [roundId, CURRENT],
    );
    // The copies' twins: the current round's dossier of the same 認定番号.
    const twins = `FROM dossiers n JOIN dossiers o ON o.round_id = $2 AND o.cert_no = n.cert_no
                   WHERE n.round_id = $1`;
    await client.query(
      `INSERT INTO dossier_revisions (dossier_id, revision, content_hash, import_id, applicant, case_sheets, cases, attendances)
       SELECT n.id, r.revision, r.content_hash, r.import_id, r.applicant, r.case_sheets, r.cases, r.attendances
         ${twins.replace('WHERE', 'JOIN dossier_revisions r ON r.dossier_id = o.id WHERE')}`,
      [roundId, CURRENT],
    );
    await client.query(
      `INSERT INTO check_results (dossier_id, revision, results, not_passed, outcomes)
       SELECT n.id, c.revision, c.results, c.not_passed, c.outcomes
         ${twins.replace('WHERE', 'JOIN check_results c ON c.dossier_id = o.id WHERE')}`,
      [roundId, CURRENT],
    );
    // Every past dossier decided and released: one in five 不合格.
    await client.query(
      `INSERT INTO decisions (dossier_id, decision, reason_codes, revision, decided_by, decided_at, released_by, released_at)
       SELECT id, CASE WHEN id % 5 = 0 THEN '不合格' ELSE '合格' END,
              CASE WHEN id % 5 = 0 THEN '{F01}'::text[] ELSE '{P01}'::text[] END,
              revision, 'bench', now(), 'bench', now()
         FROM dossiers WHERE round_id = $1`,
      [roundId],
    );
    for (const table of ['payments', 'elearning_results', 'envelopes']) await copy(table, roundId);
    await client.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       SELECT round_id, 'BENCH-' || cert_no, cert_no, '更新認定料', 22000, 110, '2022-03-20T10:00:00+09:00', 'カード', '入金済'
         FROM dossiers WHERE round_id = $1 AND id % 5 <> 0`,
      [roundId],
    );
    await assign(roundId);
    process.stdout.write(`round ${roundId} grown\n`);
  }
  // As autovacuum leaves a database that has stood for ten rounds: statistics, visibility map.
  await client.query('VACUUM ANALYZE');
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM rounds)::int AS rounds, (SELECT count(*) FROM dossiers)::int AS dossiers,
            (SELECT count(*) FROM decisions)::int AS decisions, (SELECT count(*) FROM assignments)::int AS assignments,
            pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  console.log(
    JSON.stringify({ grown: rows[0], seconds: Math.round((performance.now() - t) / 1000) }),
  );
}

const round = values.database
  ? await servedAgain(values.database, values.port)
  : await checkedRound({
      applicants: values.applicants,
      port: values.port,
      prefix: 'shinsa-bench-rounds',
    });
const { base, client } = round;
let ok;
try {
  // Rounds already there (a kept database) are not grown again.
  await grow(client, Number(values.rounds));
  // Five secretariat accounts, ten clients on each one's session.
  const sessions = [];
  for (let i = 1; i <= 5; i++) {
    const login = `rounds${i}`;
    // A connection kept open across the long SQL above may be closed under the first request
    // (undici: "other side closed"): tried again, from a new account.
    for (let attempt = 1; ; attempt++) {
      await client.query(`DELETE FROM users WHERE login = $1`, [login]);
      try {
        sessions.push((await accountSession(round, login)).cookie);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
  const call = (cookie, path, init = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { cookie, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });

  // A fifth of the current round on hold, through the API (as the committee does).
  const { rows: held } = await client.query(
    `SELECT id::text AS id FROM dossiers d WHERE round_id = $1 AND id % 5 = 2
        AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.dossier_id = d.id)`,
    [CURRENT],
  );
  if (held.length > 0) {
    const hold = await call(sessions[0], '/api/decisions/hold', {
      method: 'POST',
      body: JSON.stringify({ dossierIds: held.map((r) => r.id), reasonCodes: ['H01'] }),
    });
    if (!hold.ok) throw new Error(`hold: HTTP ${hold.status} ${await hold.text()}`);
    await client.query('VACUUM ANALYZE');
  }

  const { rows: names } = await client.query(
    `SELECT cert_no, family_name FROM dossiers WHERE round_id = $1 ORDER BY random() LIMIT 50`,
    [CURRENT],
  );
  const { rows: dossierIds } = await client.query(
    `SELECT id::text AS id FROM dossiers WHERE round_id = $1 ORDER BY random() LIMIT 500`,
    [CURRENT],
  );
  const [{ n: total }] = (
    await client.query(`SELECT count(*)::int AS n FROM dossiers WHERE round_id = $1`, [CURRENT])
  ).rows;
  const roundFilter = { roundId: CURRENT };
  const anyOf = (list) => list[Math.floor(Math.random() * list.length)];
  /** The list pages people ask for (bench/list.mjs's mix), on the current round. */
  // The same mix as bench:list (its round is the current one, 2021).
  const listPages = listRequests(total, names);
  const listPath = (request) => `/api/dossiers?${listQuery(request)}`;
  /** The dossier page's requests, made at once as the console does. */
  const dossierPaths = (id) => [
    ['dossier', `/api/dossiers/${id}`],
    [
      'neighbours',
      `/api/dossiers/${id}/neighbours?${new URLSearchParams({
        filter: JSON.stringify(roundFilter),
        sort: JSON.stringify(['certNo', 'ASC']),
      })}`,
    ],
    ['decisions', `/api/dossiers/${id}/decisions`],
    ['decision warnings', `/api/dossiers/${id}/decision-warnings`],
  ];

  const samples = new Map();
  const record = (kind, ms) => {
    if (!samples.has(kind)) samples.set(kind, []);
    samples.get(kind).push(ms);
  };
  let failures = 0;
  const timed = async (cookie, kind, path) => {
    const started = performance.now();
    const response = await call(cookie, path);
    await response.arrayBuffer();
    const ms = performance.now() - started;
    record(kind, ms);
    if (!response.ok) {
      failures++;
      if (failures <= 5) console.error(`${path}: HTTP ${response.status}`);
    }
    return ms;
  };
  /** One thing a console user does, in turn: a list page, the dashboard, a dossier page. */
  const actions = [
    async (cookie, i) => {
      const [name, make] = listPages[i % listPages.length];
      record(`list: ${name}`, await timed(cookie, 'list', listPath(make())));
    },
    (cookie) => timed(cookie, 'dashboard', `/api/dashboard?roundId=${CURRENT}`),
    async (cookie) => {
      const started = performance.now();
      await Promise.all(
        dossierPaths(anyOf(dossierIds).id).map(([kind, path]) =>
          timed(cookie, `dossier page: ${kind}`, path),
        ),
      );
      record('dossier page', performance.now() - started);
    },
  ];
  const requests = Number(values.requests);
  const think = Number(values['think-ms']);
  let next = 0;
  const worker = async (n) => {
    const cookie = sessions[n % sessions.length];
    while (next < requests) {
      const i = next++;
      await actions[i % actions.length](cookie, Math.floor(i / actions.length));
      if (think > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * think));
    }
  };
  // Warm-up (connections, the planner's caches), then the measured run.
  next = 0;
  const warm = Math.min(requests, 150);
  await Promise.all(
    Array.from({ length: 10 }, async (_, n) => {
      while (next < warm) await actions[next++ % actions.length](sessions[n % 5], next);
    }),
  );
  samples.clear();
  failures = 0;
  next = 0;
  const load = loadavg();
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.clients) }, (_, n) => worker(n)));
  const seconds = (performance.now() - started) / 1000;
  const round1 = (ms) => Math.round(ms * 10) / 10;
  const summary = Object.fromEntries(
    [...samples]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, list]) => {
        list.sort((a, b) => a - b);
        return [
          kind,
          {
            n: list.length,
            p50: round1(quantile(list, 0.5)),
            p95: round1(quantile(list, 0.95)),
            p99: round1(quantile(list, 0.99)),
          },
        ];
      }),
  );
  const { rows: sizes } = await client.query(
    `SELECT count(DISTINCT round_id)::int AS rounds, count(*)::int AS dossiers FROM dossiers`,
  );
  console.log(
    JSON.stringify(
      {
        ...sizes[0],
        clients: Number(values.clients),
        thinkMs: think,
        requests: [...samples]
          .filter(([k]) => k === 'list' || k === 'dashboard' || /^dossier page: /.test(k))
          .reduce((sum, [, list]) => sum + list.length, 0),
        failures,
        seconds: round1(seconds),
        loadAverageBefore: load.map(round1),
        loadAverageAfter: loadavg().map(round1),
      },
      null,
      2,
    ),
  );
  console.table(summary);
  const targets = [
    ['list', 50],
    ['dashboard', 50],
    ['dossier page', 30],
  ];
  const missed = targets.filter(([kind, ms]) => !(summary[kind]?.p95 <= ms));
  ok = missed.length === 0 && failures === 0;
  console.log(
    ok
      ? 'targets met: p95 ≤ 50 ms for the list and the dashboard, ≤ 30 ms for a dossier page'
      : `TARGET MISSED: ${missed.map(([k, ms]) => `${k} p95 ${summary[k]?.p95} ms > ${ms}`).join(', ')}${failures ? `, ${failures} failures` : ''}`,
  );
} finally {
  await round.stop({ keep: values.keep });
}
process.exitCode = ok ? 0 : 1;
