import request from 'supertest';
import { createTestDatabase, startTestApp, TestDatabase } from '../support/test-env.js';
import { freePort } from '../support/free-port.js';

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
        failing: [{ part: 'queue', error: expect.stringMatching(/did not answer|ECONNREFUSED/) }],
      });
    } finally {
      await app.close();
    }
  });

  it('answers 503 naming the database when PostgreSQL stops answering', async () => {
    const app = await startTestApp({ databaseUrl: db.url, workers: false });
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
        expect(response.body.failing.map((f: { part: string }) => f.part)).toContain('database');
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
