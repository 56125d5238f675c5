import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { QUEUES } from '../../server/queues/queues.js';
import { SystemService } from '../../server/system/system.service.js';
import {
  createTestDatabase,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
  uniqueName,
} from '../support/test-env.js';

/** The same round trip on both backends: the API queues a job, a worker answers it. */
describe.each([
  ['redis', TEST_REDIS_URL],
  ['postgres', null],
] as const)('queues on %s', (backend, redisUrl) => {
  let db: TestDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) {
      await app.app
        .get<Queue>(getQueueToken(QUEUES.system))
        .obliterate({ force: true })
        .catch(() => undefined);
      await app.close();
    }
  });

  afterAll(async () => {
    await db.drop();
  });

  async function start(options: { workers: boolean; queuePrefix: string }) {
    const app = await startTestApp({ databaseUrl: db.url, redisUrl, ...options });
    apps.push(app);
    return app;
  }

  it('a worker answers a queued job, and health names the backend', async () => {
    const app = await start({ workers: true, queuePrefix: uniqueName('rt') });
    const system = app.app.get(SystemService);
    const jobId = await system.queuePing('test');
    const result = await system.awaitResult(jobId, 15000);
    expect(result.worker).toMatch(/:\d+$/);

    const health = await request(app.baseUrl).get('/api/health').expect(200);
    expect(health.body).toEqual({
      status: 'ok',
      database: 'ok',
      queue: 'ok',
      worker: 'ok',
      queueBackend: backend,
    });
  });

  it('a job id from a business key collapses duplicates', async () => {
    const app = await start({ workers: false, queuePrefix: uniqueName('dup') });
    const system = app.app.get(SystemService);
    const first = await system.queuePing('test', 'same-key');
    const second = await system.queuePing('test', 'same-key');
    expect(second).toBe(first);
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.system));
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('an API-only process queues, and a worker-only process answers', async () => {
    const prefix = uniqueName('split');
    const api = await start({ workers: false, queuePrefix: prefix });
    const system = api.app.get(SystemService);
    const jobId = await system.queuePing('api');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.system));
    expect(await (await queue.getJob(jobId))!.getState()).toBe('waiting');

    await start({ workers: true, queuePrefix: prefix });
    await expect(system.awaitResult(jobId, 15000)).resolves.toHaveProperty('worker');
  });

  if (backend === 'redis') {
    it('two deployments on one Redis with their own prefixes never see each other’s jobs', async () => {
      const a = await start({ workers: false, queuePrefix: uniqueName('deployA') });
      const b = await start({ workers: false, queuePrefix: uniqueName('deployB') });
      await a.app.get(SystemService).queuePing('a', 'shared-key');
      const queueB = b.app.get<Queue>(getQueueToken(QUEUES.system));
      expect(await queueB.getJob('ping.shared-key')).toBeUndefined();
      expect(await queueB.getJobCounts('waiting')).toEqual({ waiting: 0 });
    });
  }
});
