import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import { freePort } from '../support/free-port.mjs';
import { PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.mjs';
import { assertBuilt, DIST } from '../support/run-node.js';
import {
  createTestDatabase,
  eventually,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
  uniqueName,
} from '../support/test-env.js';

const APPLICANTS = 600;

/**
 * Faults: a worker killed in the middle of a batch, and the queue's backend restarted. Every
 * dossier ends up checked, none has its results twice, none is lost. The servers restarted are
 * the test's own (a Redis and a PostgreSQL cluster on free ports), never the machine's.
 */
// Servers are stopped and started again and retries back off: on two Jest workers beside the
// OCR tests a restart test took over a minute.
jest.setTimeout(180000);

describe('checks survive faults', () => {
  let bundle: string;
  let privatePostgres: PrivatePostgres;

  beforeAll(async () => {
    assertBuilt();
    bundle = generateBundle({ applicants: APPLICANTS, seed: 4 });
    privatePostgres = await startPrivatePostgres();
  });

  afterAll(() => privatePostgres?.remove());

  interface Setup {
    db: TestDatabase;
    app: TestApp;
    env: Record<string, string>;
    workers: ChildProcess[];
  }

  async function setUp(redisUrl: string | null, adminDatabaseUrl?: string): Promise<Setup> {
    const db = await createTestDatabase(true, adminDatabaseUrl);
    const queuePrefix = uniqueName('faults');
    // The test process imports and queues; the checks run in separate worker processes.
    const app = await startTestApp({ databaseUrl: db.url, redisUrl, workers: false, queuePrefix });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl ?? '',
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'error',
      MIGRATE_ON_BOOT: 'false',
      WORKER_CONCURRENCY: '2',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-faults-')),
    };
    return { db, app, env, workers: [] };
  }

  function startWorker(setup: Setup): ChildProcess {
    const child = spawn(process.execPath, [join(DIST, 'main.js'), '--role', 'worker'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...setup.env },
      cwd: join(__dirname, '..', '..'),
      stdio: 'ignore',
    });
    setup.workers.push(child);
    return child;
  }

  async function tearDown(setup: Setup): Promise<void> {
    for (const w of setup.workers) if (w.exitCode === null) w.kill('SIGKILL');
    await setup.app.close();
    await setup.db.drop();
  }

  async function checkedCount(url: string): Promise<{ checked: number; total: number }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE checked_version >= inputs_version)::int AS checked, count(*)::int AS total FROM dossiers`,
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  async function expectEveryDossierCheckedOnce(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM dossiers) AS dossiers,
                (SELECT count(*)::int FROM dossiers WHERE checked_version = inputs_version) AS checked,
                (SELECT count(*)::int FROM dossiers WHERE check_failed_version > 0) AS failed,
                (SELECT count(*)::int FROM check_results) AS results,
                (SELECT count(*)::int FROM check_results c JOIN dossiers d ON d.id = c.dossier_id
                  WHERE c.revision = d.revision) AS current,
                (SELECT count(*)::int FROM check_results c,
                        LATERAL (SELECT 1 FROM jsonb_array_elements(c.results) r
                                  GROUP BY r->>'rule', r->>'ref' HAVING count(*) > 1) AS twice) AS duplicated`,
      );
      expect(rows[0]).toEqual({
        dossiers: APPLICANTS,
        checked: APPLICANTS,
        failed: 0,
        results: APPLICANTS,
        current: APPLICANTS,
        duplicated: 0,
      });
    } finally {
      await client.end();
    }
  }

  /** Imports the bundle and waits until the workers are in the middle of its checks. */
  async function importAndReachMidBatch(setup: Setup): Promise<void> {
    const { report } = await setup.app.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    expect(report.queued).toBe(APPLICANTS);
    await eventually(
      async () => {
        const { checked } = await checkedCount(setup.db.url);
        return checked >= 20 && checked < APPLICANTS - 100;
      },
      30000,
      'the workers to be in the middle of the batch',
    );
  }

  it.each([
    ['Redis', TEST_REDIS_URL],
    ['PostgreSQL', null],
  ])(
    'a worker killed mid-batch and restarted (%s backend): every dossier checked once',
    async (_name, redisUrl) => {
      const setup = await setUp(redisUrl);
      try {
        startWorker(setup);
        await importAndReachMidBatch(setup);
        setup.workers[0].kill('SIGKILL');
        const { checked } = await checkedCount(setup.db.url);
        expect(checked).toBeLessThan(APPLICANTS);
        startWorker(setup);
        await eventually(
          async () => (await checkedCount(setup.db.url)).checked === APPLICANTS,
          50000,
          'every dossier checked after the restart',
        );
        await expectEveryDossierCheckedOnce(setup.db.url);
      } finally {
        await tearDown(setup);
      }
    },
  );

  it('Redis restarted mid-batch (with its append-only file): every dossier checked once', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-redis-'));
    const startRedis = () =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--dir',
          dir,
          '--save',
          '',
        ],
        {
          stdio: 'ignore',
        },
      );
    let redis = startRedis();
    const setup = await setUp(`redis://127.0.0.1:${port}/0`);
    try {
      startWorker(setup);
      await importAndReachMidBatch(setup);
      redis.kill('SIGTERM');
      await new Promise((resolve) => redis.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      redis = startRedis();
      await eventually(
        async () => (await checkedCount(setup.db.url)).checked === APPLICANTS,
        50000,
        'every dossier checked after Redis came back',
      );
      await expectEveryDossierCheckedOnce(setup.db.url);
    } finally {
      await tearDown(setup);
      redis.kill('SIGKILL');
    }
  });

  it('PostgreSQL restarted mid-batch (queues on PostgreSQL): every dossier checked once', async () => {
    // The test's own cluster: the database, the queues and the workers all live on it.
    const setup = await setUp(null, privatePostgres.adminUrl);
    try {
      startWorker(setup);
      await importAndReachMidBatch(setup);
      privatePostgres.restart();
      await eventually(
        async () => (await checkedCount(setup.db.url)).checked === APPLICANTS,
        55000,
        'every dossier checked after PostgreSQL came back',
      );
      await expectEveryDossierCheckedOnce(setup.db.url);
    } finally {
      await tearDown(setup);
    }
  });
});
