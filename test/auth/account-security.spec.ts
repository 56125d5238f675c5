import { scryptSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { AuthService } from '../../server/auth/auth.service.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

/** Password hashing, temporary locks, throttling and the forced change of a first password. */
describe('account security', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  const login = (name: string, password: string, agent = request(app.baseUrl)) =>
    agent.post('/api/auth/login').send({ login: name, password });

  it('sends security headers, and keeps API answers out of the browser cache', async () => {
    await app.app.get(AuthService).createUser({
      login: 'headers1',
      role: 'secretariat',
      password: 'a-long-password-1',
    });
    const response = await login('headers1', 'a-long-password-1').expect(200);
    expect(response.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    const cookie = response.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('locks an account for a while after 5 wrong passwords, even against the right one', async () => {
    await app.app
      .get(AuthService)
      .createUser({ login: 'jimu-lock', role: 'secretariat', password: 'right-password-1' });
    for (let i = 0; i < 4; i++) await login('jimu-lock', 'wrong-password').expect(401);
    const locked = await login('jimu-lock', 'wrong-password').expect(423);
    expect(locked.body.message).toMatch(/一時的にロックされています/);
    const still = await login('jimu-lock', 'right-password-1').expect(423);
    expect(still.body.message).toMatch(/管理者に連絡してください/);
    await sql.query(
      `UPDATE users SET locked_until = now() - interval '1 second' WHERE login = 'jimu-lock'`,
    );
    await login('jimu-lock', 'right-password-1').expect(200);
    const { rows } = await sql.query(`SELECT failed_logins FROM users WHERE login = 'jimu-lock'`);
    expect(rows[0].failed_logins).toBe(0);
  });

  it('makes an account created for someone change its password before anything else', async () => {
    await app.app.get(AuthService).createUser({
      login: 'iin-new',
      role: 'reviewer',
      password: 'given-by-admin-1',
      mustChangePassword: true,
    });
    const first = request.agent(app.baseUrl);
    const other = request.agent(app.baseUrl);
    await login('iin-new', 'given-by-admin-1', first).expect(200);
    await login('iin-new', 'given-by-admin-1', other).expect(200);
    const refused = await first.get('/api/rounds').expect(403);
    expect(refused.body.message).toMatch(/最初にパスワードを変更してください/);
    expect((await first.get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(true);

    const wrong = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'nope', newPassword: 'short' })
      .expect(400);
    expect(wrong.body.errors).toMatchObject({
      currentPassword: expect.any(String),
      newPassword: expect.any(String),
    });
    await first
      .post('/api/auth/password')
      .send({ currentPassword: 'given-by-admin-1', newPassword: 'given-by-admin-1' })
      .expect(400);
    const changed = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'given-by-admin-1', newPassword: 'my-own-password-2' })
      .expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    await first.get('/api/rounds').expect(200);
    await other.get('/api/auth/me').expect(401);
    await login('iin-new', 'given-by-admin-1').expect(401);
    await login('iin-new', 'my-own-password-2').expect(200);
  });

  it('hashes with argon2id and upgrades a first-release scrypt hash at login', async () => {
    const created = await app.app
      .get(AuthService)
      .createUser({ login: 'admin-old', role: 'admin', password: 'old-hash-password' });
    const salt = randomBytes(16);
    const key = scryptSync('old-hash-password', salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 2 ** 26,
    });
    await sql.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [
      created.id,
      ['scrypt', 32768, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$'),
    ]);
    await login('admin-old', 'old-hash-password').expect(200);
    const { rows } = await sql.query(`SELECT password_hash FROM users WHERE id = $1`, [created.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    await login('admin-old', 'old-hash-password').expect(200);
  });

  it('throttles login attempts from one address', async () => {
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await login('nobody', 'whatever-1')).status;
    expect(last).toBe(429);
    const throttled = await login('admin-old', 'old-hash-password').expect(429);
    expect(throttled.body.message).toMatch(/ログインの試行が多すぎます/);
  });
});
