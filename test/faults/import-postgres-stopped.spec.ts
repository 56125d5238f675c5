import { generateBundle } from '../support/bundles.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { assertBuilt } from '../support/run-node.js';
import {
  createTestDatabase,
  eventually,
  loginAs,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
  uniqueName,
} from '../support/test-env.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';
import { zipOfBundle } from '../support/zip-writer.js';

/**
 * PostgreSQL stopped for 10 s while a worker imports a console upload (queues on Redis): the
 * import's retries outlast it and it ends `done`, instead of `running` for ever. The cluster is
 * the test's own; the worker a process of its own sharing the data folder with the API.
 */
describe('PostgreSQL stopped for 10 s during an import', () => {
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

  it('the import ends done once PostgreSQL is back', async () => {
    const queuePrefix = uniqueName('pgimport');
    api = await startTestApp({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix,
      workers: false,
    });
    const secretariat = await loginAs(api, 'jimu-pg', 'secretariat');
    const bundle = generateBundle({ applicants: 1500, seed: 33 });
    const zip = zipOfBundle(bundle);
    const { body: queued } = await secretariat
      .post('/api/imports')
      .field('roundId', '2021')
      .attach('files', zip, 'nightly.zip')
      .expect(202);
    worker = spawnWorker({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      DATA_DIR: api.config.dataDir,
    });
    await eventually(
      async () => {
        const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
        return body.status === 'running';
      },
      30000,
      'the import to be running',
    );
    cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 10000));
    cluster.start();
    const finished = await eventually(
      async () => {
        const { body } = await secretariat.get(`/api/imports/${queued.id}`);
        return body?.status === 'done' ? body : null;
      },
      45000,
      'the import to end done',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker!.output()}`);
    });
    expect(finished).toMatchObject({ status: 'done', exitCode: 0, error: null });
    expect(finished.report.dossiers.imported).toBe(1500);
    expect(worker.alive()).toBe(true);
    // It did meet the outage, and retried.
    expect(worker.output()).toMatch(/Import job \S+ failed \(attempt \d\/5\)/);
  });
});
