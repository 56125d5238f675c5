import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import request from 'supertest';
import { QUEUES } from '../../server/queues/queues.js';
import {
  createTestDatabase,
  eventually,
  loginAs,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The queue board shows every queue and its failed jobs to admins, on both backends. */
describe.each([
  ['PostgreSQL', null],
  ['Redis', TEST_REDIS_URL],
])('the queue board on %s', (_backend, redisUrl) => {
  let db: TestDatabase;
  let app: TestApp;
  let admin: request.Agent;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, redisUrl, workers: true });
    admin = await loginAs(app, 'ops', 'admin');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is refused to anyone but a signed-in admin', async () => {
    const anonymous = await request(app.baseUrl).get('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('管理者としてログインしてから開いてください');
    const secretariat = await loginAs(app, 'jimu', 'secretariat');
    const refused = await secretariat.get('/admin/queues/api/queues');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('管理者だけが開けます');
  });

  it('lists every queue and a job that failed for good with its error, audited', async () => {
    const page = await admin.get('/admin/queues').expect(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.system));
    await queue.add('no-such-job', {}, { jobId: 'broken.1', attempts: 1 });
    const failed = await eventually(
      async () => {
        const { body } = await admin
          .get('/admin/queues/api/queues')
          .query({ activeQueue: QUEUES.system, status: 'failed', page: 1, jobsPerPage: 10 })
          .expect(200);
        const system = body.queues.find((q: { name: string }) => q.name === QUEUES.system);
        return system.jobs.find((j: { id: string }) => j.id === 'broken.1') ?? null;
      },
      30000,
      'the failed job on the board',
    );
    expect(failed.failedReason).toBe('Unknown job "no-such-job" on queue system');
    const { body } = await admin.get('/admin/queues/api/queues').expect(200);
    expect(body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
      Object.values(QUEUES).sort(),
    );

    // Retrying it from the board is an action on a job: recorded with what it did.
    await admin.put(`/admin/queues/api/queues/${QUEUES.system}/broken.1/retry`).expect(204);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        `SELECT action, actor, after FROM audit_events WHERE entity = 'queues' ORDER BY id`,
      );
      expect(rows.filter((r) => r.action === 'queues.viewed')).toHaveLength(1);
      expect(rows.find((r) => r.action === 'queues.changed')).toMatchObject({
        actor: 'ops',
        after: { method: 'PUT', path: `/admin/queues/api/queues/system/broken.1/retry` },
      });
    } finally {
      await sql.end();
    }
  });
});
