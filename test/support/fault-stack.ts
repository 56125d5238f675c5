import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { QUEUES } from '../../server/queues/queues.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.mjs';
import { startPrivateRedis, type PrivateRedis } from './private-redis.mjs';
import { assertBuilt } from './run-node.js';
import type request from 'supertest';
import {
  createTestDatabase,
  eventually,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
  uniqueName,
} from './test-env.js';
import { spawnWorker, type WorkerProcess } from './worker-process.js';
import { zipOfBundle } from './zip-writer.js';

/**
 * What a fault test runs on: a migrated database (on a private PostgreSQL cluster when the
 * test stops it), queues on Redis (a private one when the test empties it), an API process
 * without workers, and worker processes or in-process worker apps the test starts and kills.
 * Every part shares the database, the queues' prefix and the data folder (uploads).
 */
export interface FaultStack {
  db: TestDatabase;
  /** The test's own cluster, when asked for (`privatePostgres`). */
  postgres: PrivatePostgres | null;
  /** The test's own Redis, when asked for (`privateRedis`). */
  redis: PrivateRedis | null;
  redisUrl: string;
  queuePrefix: string;
  dataDir: string;
  /** The API app (no workers) in this test's process. */
  api: TestApp;
  /** A queue of the API app, to look into or empty. */
  queueOf(name: string): Queue;
  /**
   * What time does to the jobs of a worker just killed, at once: their locks expire (no one
   * renews them) and a stalled check marks them, so the next worker's first stalled check
   * takes them back (or fails them, stalled too often) instead of half a minute later.
   */
  expireKilledJobs(name: string): Promise<void>;
  /** A client of the database, connected on first use, ended by {@link FaultStack.close}. */
  sql(query: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** A worker process (`main.js --role worker`, built) with these more variables. */
  spawnWorker(env?: Record<string, string>): WorkerProcess;
  /** A worker app in this process (its reconciler can be called), closed with the stack. */
  startWorkerApp(): Promise<TestApp>;
  /** Kills (SIGKILL) every worker process started. */
  killWorkers(): void;
  /** Every worker process's output, for a failure message. */
  workerOutput(): string;
  /** Kills the workers, empties the queues, stops the apps and removes what was started. */
  close(): Promise<void>;
}

/** A bundle uploaded in the console as one zip: the queued import (its worker runs it). */
export async function uploadImport(
  agent: request.Agent,
  bundle: string,
  fileName = 'nightly.zip',
): Promise<{ id: string }> {
  const { body } = await agent
    .post('/api/imports')
    .field('roundId', '2021')
    .attach('files', zipOfBundle(bundle), fileName)
    .expect(202);
  return body;
}

/** Polls an import through the API until it ended (done, rejected or failed): its body. */
export function importEnded(
  agent: request.Agent,
  importId: string,
  timeoutMs: number,
  what = 'the import to end',
): Promise<{ status: string; error: string | null; report: { dossiers: { imported: number } } }> {
  return eventually(
    async () => {
      const { body } = await agent.get(`/api/imports/${importId}`).expect(200);
      return ['done', 'rejected', 'failed'].includes(body.status) ? body : null;
    },
    timeoutMs,
    what,
  );
}

/** Dossiers a checks job of a fault stack judges at once. */
const FAULT_CHECK_BATCH_SIZE = 10;

export async function startFaultStack(options: {
  /** The queues' prefix and the data folder's name begin with it. */
  name: string;
  privatePostgres?: boolean;
  privateRedis?: boolean;
}): Promise<FaultStack> {
  const postgres = options.privatePostgres ? await startPrivatePostgres() : null;
  const redis = options.privateRedis ? await startPrivateRedis() : null;
  const redisUrl = redis?.url ?? TEST_REDIS_URL;
  const db = await createTestDatabase(true, postgres?.adminUrl);
  const queuePrefix = uniqueName(options.name);
  // Like the default `.data`, a dot folder.
  const dataDir = join(mkdtempSync(join(tmpdir(), `shinsa-${options.name}-`)), '.data');
  // Small batches of checks: a fault strikes with some of an import's jobs done, some running
  // and some waiting, as with thousands of dossiers, from a few hundred.
  const env = { CHECK_BATCH_SIZE: String(FAULT_CHECK_BATCH_SIZE) };
  const appOptions = { databaseUrl: db.url, redisUrl, queuePrefix, dataDir, env };
  const api = await startTestApp({ ...appOptions, workers: false });
  const processes: WorkerProcess[] = [];
  const apps: TestApp[] = [];
  let client: pg.Client | null = null;
  const queueOf = (name: string) => api.app.get<Queue>(getQueueToken(name));
  return {
    db,
    postgres,
    redis,
    redisUrl,
    queuePrefix,
    dataDir,
    api,
    queueOf,
    expireKilledJobs: async (name) => {
      const key = (suffix: string) => queueOf(name).toKey(suffix);
      const redis = new Redis(redisUrl);
      try {
        const active = await redis.lrange(key('active'), 0, -1);
        for (const id of active) await redis.del(`${key(id)}:lock`);
        if (active.length > 0) await redis.sadd(key('stalled'), ...active);
        await redis.del(key('stalled-check'));
      } finally {
        redis.disconnect();
      }
    },
    sql: async (query, values) => {
      if (!client) {
        client = new pg.Client({ connectionString: db.url });
        // A cluster stopped by the test cuts the connection: the next query opens another.
        client.on('error', () => (client = null));
        await client.connect();
      }
      return client.query(query, values);
    },
    spawnWorker: (env = {}) => {
      assertBuilt();
      const worker = spawnWorker({
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queuePrefix,
        DATA_DIR: dataDir,
        CHECK_BATCH_SIZE: String(FAULT_CHECK_BATCH_SIZE),
        ...env,
      });
      processes.push(worker);
      return worker;
    },
    startWorkerApp: async () => {
      const app = await startTestApp(appOptions);
      apps.push(app);
      return app;
    },
    killWorkers: () => processes.forEach((worker) => worker.kill()),
    workerOutput: () => processes.map((p, i) => `── worker ${i + 1}\n${p.output()}`).join('\n'),
    close: async () => {
      processes.forEach((worker) => worker.kill());
      for (const app of apps) await app.close().catch(() => undefined);
      await (client as pg.Client | null)?.end().catch(() => undefined);
      if (!redis) {
        for (const name of Object.values(QUEUES)) {
          await queueOf(name)
            .obliterate({ force: true })
            .catch(() => undefined);
        }
      }
      await api.close().catch(() => undefined);
      await db.drop().catch(() => undefined);
      postgres?.remove();
      await redis?.stop();
    },
  };
}
