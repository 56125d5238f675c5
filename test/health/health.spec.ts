import request from 'supertest';
import { createTestDatabase, startTestApp, TestDatabase } from '../support/test-env.js';
import { freePort } from '../support/free-port.mjs';

describe('GET /api/health', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('answers 503 naming the queue when Redis does not answer', async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}/0`;
    const app = await startTestApp({ databaseUrl: db.url, redisUrl: deadRedis, workers: false });
    try {
      const response = await request(app.baseUrl).get('/api/health').expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        database: 'ok',
        queue: 'error',
        queueBackend: 'redis',
      });
      expect(response.body.failing).toContain('queue');
      // Anybody may ask: the parts are named, the errors stay in the log.
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|did not answer|127\.0\.0\.1/);
    } finally {
      await app.close();
    }
  });

  it('answers 503 naming the worker when no worker process was seen in the last minute', async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const api = await startTestApp({ databaseUrl: db.url, workers: false });
    try {
      await client.query(`DELETE FROM worker_heartbeats`);
      const none = await request(api.baseUrl).get('/api/health').expect(503);
      expect(none.body).toEqual({
        status: 'error',
        database: 'ok',
        queue: 'ok',
        worker: 'error',
        queueBackend: 'postgres',
        failing: ['worker'],
      });
      // A worker process starts: it says so at once, and health is whole again.
      const worker = await startTestApp({
        databaseUrl: db.url,
        workers: true,
        queuePrefix: api.config.queuePrefix,
      });
      try {
        const ok = await request(api.baseUrl).get('/api/health').expect(200);
        expect(ok.body).toEqual({
          status: 'ok',
          database: 'ok',
          queue: 'ok',
          worker: 'ok',
          queueBackend: 'postgres',
        });
        // Lost (killed, its machine gone): its last heartbeat grows old.
        await client.query(`UPDATE worker_heartbeats SET seen_at = now() - interval '61 seconds'`);
        const lost = await request(api.baseUrl).get('/api/health').expect(503);
        expect(lost.body.failing).toEqual(['worker']);
      } finally {
        await worker.close();
      }
      // Stopped in order, it takes its heartbeat with it.
      expect(
        (await client.query(`SELECT count(*)::int AS n FROM worker_heartbeats`)).rows[0].n,
      ).toBe(0);
    } finally {
      await api.close();
      await client.end();
    }
  });

  it('answers 503 naming the database when PostgreSQL stops answering', async () => {
    const app = await startTestApp({ databaseUrl: db.url, workers: true });
    try {
      await request(app.baseUrl).get('/api/health').expect(200);
      // Cut every connection of this test's database, as a restarting server would.
      const admin = await createTestDatabase(false);
      const { Client } = await import('pg');
      const client = new Client({ connectionString: admin.url });
      await client.connect();
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [db.name],
      );
      await client.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [db.name],
      );
      try {
        const response = await request(app.baseUrl).get('/api/health').expect(503);
        expect(response.body.status).toBe('error');
        expect(response.body.database).toBe('error');
        expect(response.body.failing).toContain('database');
        expect(response.body.failing).not.toContain('worker');
        expect(response.body.worker).toBe('unknown');
      } finally {
        await client.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
        await client.end();
        await admin.drop();
      }
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
