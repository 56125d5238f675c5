import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { assertBuilt } from '../support/run-node.js';
import {
  createTestDatabase,
  eventually,
  startTestApp,
  TestApp,
  TestDatabase,
  uniqueName,
} from '../support/test-env.js';
import { checkedCount, spawnWorker, type WorkerProcess } from '../support/worker-process.js';

const APPLICANTS = 400;

/**
 * Redis restarted empty (no persistence) in the middle of the checks of an import: every job
 * is gone, the worker goes on. Its reconciler finds every dossier not yet checked in PostgreSQL
 * and queues it again; all are checked. The Redis is the test's own.
 */
describe('Redis restarted empty during the checks', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let api: TestApp;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    redis = await startPrivateRedis();
    db = await createTestDatabase();
  });

  afterAll(async () => {
    worker?.kill();
    await api?.close();
    await db?.drop();
    await redis?.stop();
  });

  it('every dossier is checked, by the reconciler of the worker that went on', async () => {
    const queuePrefix = uniqueName('emptied');
    api = await startTestApp({
      databaseUrl: db.url,
      redisUrl: redis.url,
      queuePrefix,
      workers: false,
    });
    worker = spawnWorker({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: queuePrefix,
      RECONCILE_SECONDS: '2',
    });
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 31 });
    const { report } = await api.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    expect(report.queued).toBe(APPLICANTS);
    await eventually(
      async () => {
        const { checked } = await checkedCount(db.url);
        return checked >= 10 && checked < APPLICANTS - 100;
      },
      30000,
      'the worker to be in the middle of the checks',
    );
    await redis.restartEmpty();
    await eventually(
      async () => (await checkedCount(db.url)).checked === APPLICANTS,
      40000,
      'every dossier checked after Redis came back empty',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker!.output()}`);
    });
    expect(worker.alive()).toBe(true);
    // Found by the reconciler, not by luck.
    expect(worker.output()).toMatch(/\d+ checks lost and queued again/);
  });
});
