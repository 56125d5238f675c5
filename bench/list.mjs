#!/usr/bin/env node
/*
 * Dossier list benchmark (issue 6): 5,000 imported and checked dossiers, some decided and
 * assigned, then 20 clients ask the API for list pages at once, as the console does (50 a
 * page, different filters, searches, sorts and pages), and the latency of each answer is
 * measured at the client.
 *
 *   npm run bench:list [-- --applicants 5000] [--clients 20] [--requests 2000] [--keep]
 *
 * Target: p95 under 100 ms. Exits 1 when it is missed.
 */
import { parseArgs } from 'node:util';
import {
  accountSession,
  assertBuilt,
  checkedRound,
  listQuery,
  listRequests,
  quantile,
} from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '5000' },
    clients: { type: 'string', default: '20' },
    requests: { type: 'string', default: '2000' },
    port: { type: 'string', default: '3917' },
    keep: { type: 'boolean', default: false },
  },
});
assertBuilt();

const round = await checkedRound({
  applicants: values.applicants,
  port: values.port,
  prefix: 'shinsa-bench-list',
});
const { base, client } = round;
try {
  // A session as the secretariat.
  const { cookie } = await accountSession(round, 'listclient');
  const call = (path, init = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { cookie, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });

  // Work in progress, as in the middle of a round: a fifth of the dossiers on hold.
  const { rows: ids } = await client.query(`SELECT id::text AS id FROM dossiers ORDER BY random()`);
  const held = ids.slice(0, Math.floor(ids.length / 5)).map((r) => r.id);
  const hold = await call('/api/decisions/hold', {
    method: 'POST',
    body: JSON.stringify({ dossierIds: held, reasonCodes: ['H01'] }),
  });
  if (!hold.ok) throw new Error(`hold: HTTP ${hold.status} ${await hold.text()}`);

  const { rows: names } = await client.query(
    `SELECT cert_no, family_name FROM dossiers ORDER BY random() LIMIT 50`,
  );
  const total = Number(values.applicants);
  const pages = listRequests(total, names);

  const requests = Number(values.requests);
  const latencies = [];
  const byKind = new Map(pages.map(([name]) => [name, []]));
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const [kind, make] = pages[i % pages.length];
      const { filter, sort, page } = make();
      const query = listQuery({ filter, sort, page });
      const started = performance.now();
      const response = await call(`/api/dossiers?${query}`);
      await response.arrayBuffer();
      const ms = performance.now() - started;
      latencies.push(ms);
      byKind.get(kind).push(ms);
      if (!response.ok) failures++;
    }
  };
  // Warm-up, then the measured run.
  await Promise.all(
    Array.from({ length: 4 }, () => call('/api/dossiers').then((r) => r.arrayBuffer())),
  );
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.clients) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => quantile(latencies, q);
  const p95 = at(0.95);
  const round1 = (ms) => Math.round(ms * 10) / 10;
  const kinds = Object.fromEntries(
    [...byKind].map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { p50: round1(quantile(list, 0.5)), p95: round1(quantile(list, 0.95)) }];
    }),
  );
  console.log(
    JSON.stringify(
      {
        dossiers: total,
        clients: Number(values.clients),
        requests: latencies.length,
        failures,
        requestsPerSecond: Math.round(latencies.length / seconds),
        ms: {
          p50: Math.round(at(0.5) * 10) / 10,
          p95: Math.round(p95 * 10) / 10,
          p99: Math.round(at(0.99) * 10) / 10,
          max: Math.round(latencies[latencies.length - 1] * 10) / 10,
        },
        byKind: kinds,
      },
      null,
      2,
    ),
  );
  // The other screens of the day, once each: the dashboard and the export of the whole list.
  const timed = async (path) => {
    const t = performance.now();
    const response = await call(path);
    const bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return { ms: Math.round(performance.now() - t), bytes };
  };
  console.log(
    JSON.stringify({
      dashboard: await timed('/api/dashboard?roundId=2021'),
      exportAll: await timed(
        `/api/dossiers/export.csv?filter=${encodeURIComponent('{"roundId":"2021"}')}`,
      ),
    }),
  );
  const ok = p95 < 100 && failures === 0;
  console.log(
    ok ? 'target met: p95 < 100 ms' : 'TARGET MISSED: p95 must be under 100 ms, no failures',
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await round.stop({ keep: values.keep });
}
