import pg from 'pg';
import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { assertBuilt } from '../support/run-node.js';
import {
  createTestDatabase,
  eventually,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
  uniqueName,
} from '../support/test-env.js';
import { checkedCount, spawnWorker, type WorkerProcess } from '../support/worker-process.js';

const APPLICANTS = 300;

/**
 * PostgreSQL stopped for 10 s in the middle of the checks (queues on Redis): the jobs that
 * fail meanwhile back off long enough to run again once it is back; the worker process stays
 * up; every dossier is checked and none is left unchecked without being listed as failed. The
 * PostgreSQL cluster is the test's own.
 */
describe('PostgreSQL stopped for 10 s during the checks', () => {
  let cluster: PrivatePostgres;
  let db: TestDatabase;
  let api: TestApp | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    assertBuilt();
    cluster = await startPrivatePostgres();
    db = await createTestDatabase(true, cluster.adminUrl);
  });

  afterAll(async () => {
    worker?.kill();
    await api?.close().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    cluster?.remove();
  });

  it('every dossier is checked and the worker is still running', async () => {
    const queuePrefix = uniqueName('pgstop');
    api = await startTestApp({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix,
      workers: false,
    });
    worker = spawnWorker({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
    });
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 32 });
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
    cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 10000));
    cluster.start();
    await eventually(
      async () => (await checkedCount(db.url)).checked === APPLICANTS,
      40000,
      'every dossier checked after PostgreSQL came back',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker!.output()}`);
    });
    expect(worker.alive()).toBe(true);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM dossiers WHERE check_failed_version > 0`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
