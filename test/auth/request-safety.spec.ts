import pg from 'pg';
import request from 'supertest';
import { AuthService } from '../../server/auth/auth.service.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/**
 * What an attacker tried and what got through before (issue 17): a form POST from another
 * site, parallel password guesses, a rotating X-Forwarded-For, common passwords, and list
 * parameters that answered 500.
 */
describe('request safety', () => {
  let db: TestDatabase;
  /** Behind no proxy: X-Forwarded-For is anyone's to write and is not believed. */
  let direct: TestApp;
  /** A second API process on the same database. */
  let second: TestApp;
  /** Behind a proxy on loopback, listed in TRUSTED_PROXIES. */
  let proxied: TestApp;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    direct = await startTestApp({ databaseUrl: db.url, workers: false });
    second = await startTestApp({ databaseUrl: db.url, workers: false });
    proxied = await startTestApp({
      databaseUrl: db.url,
      workers: false,
      env: { TRUSTED_PROXIES: 'loopback' },
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await Promise.all([direct.close(), second.close(), proxied.close()]);
    await db.drop();
  });

  beforeEach(() => sql.query('DELETE FROM rate_limits'));

  const login = (app: TestApp, name: string, password: string, from?: string) => {
    const call = request(app.baseUrl).post('/api/auth/login');
    return (from ? call.set('X-Forwarded-For', from) : call).send({ login: name, password });
  };

  describe('CSRF', () => {
    let agent: request.Agent;
    beforeAll(async () => {
      agent = await loginAs(direct, 'csrf-jimu', 'secretariat');
    });

    it('refuses a change sent from another site, as a form or as JSON', async () => {
      const form = await agent
        .post('/api/decisions/hold')
        .set('Origin', 'https://evil.example')
        .type('form')
        .send('dossierIds=1&reason=x')
        .expect(403);
      expect(form.body.message).toMatch(/ほかのサイト\(https:\/\/evil\.example\)/);
      await agent
        .post('/api/decisions/hold')
        .set('Origin', 'https://evil.example')
        .send({ dossierIds: ['1'], reason: 'x' })
        .expect(403);
      // Without Origin, the Referer tells where the request came from.
      await agent
        .post('/api/decisions/hold')
        .set('Referer', 'https://evil.example/page.html')
        .send({ dossierIds: ['1'], reason: 'x' })
        .expect(403);
      await agent.post('/api/decisions/hold').set('Origin', 'null').send({}).expect(403);
      await request(direct.baseUrl)
        .post('/api/auth/login')
        .set('Origin', 'https://evil.example')
        .send({ login: 'csrf-jimu', password: TEST_PASSWORD })
        .expect(403);
    });

    it('takes changes as JSON only: a form or text body is refused with 400', async () => {
      const form = await agent
        .post('/api/decisions/hold')
        .type('form')
        .send('dossierIds=1&reason=x')
        .expect(400);
      expect(form.body.message).toMatch(
        /JSON.*で送ってください.*application\/x-www-form-urlencoded/,
      );
      expect(form.body.errors['content-type']).toEqual(expect.any(String));
      await agent
        .put('/api/settings/reading')
        .set('Content-Type', 'text/plain')
        .send('{"x":1}')
        .expect(400);
      await request(direct.baseUrl)
        .post('/api/auth/login')
        .type('form')
        .send(`login=csrf-jimu&password=${TEST_PASSWORD}`)
        .expect(400);
      // An upload endpoint takes multipart only.
      await agent.post('/api/imports').send({ roundId: '2021' }).expect(400);
    });

    it('lets the console send JSON with its own origin, and scripts send it with none', async () => {
      const own = await agent
        .post('/api/decisions/hold')
        .set('Origin', direct.baseUrl)
        .send({ dossierIds: [], reason: '' })
        .expect(400);
      expect(own.body.errors).toHaveProperty('dossierIds');
      await agent.post('/api/decisions/hold').send({ dossierIds: [], reason: '' }).expect(400);
      await agent.get('/api/auth/me').set('Origin', 'https://evil.example').expect(200);
      await agent.post('/api/auth/logout').set('Origin', direct.baseUrl).expect(204);
    });
  });

  describe('login limits', () => {
    it('checks at most 5 passwords of 40 guessed at once, and then refuses the right one', async () => {
      await proxied.app
        .get(AuthService)
        .createUser({ login: 'parallel1', role: 'secretariat', password: 'right-password-77' });
      // From 40 addresses (a proxy that passes X-Forwarded-For), so no address limit applies.
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          login(proxied, 'parallel1', `wrong-guess-${i}`, `10.1.0.${i + 1}`),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s !== 401 && s !== 423)).toEqual([]);
      const { rows } = await sql.query<{ action: string; n: number }>(
        `SELECT action, count(*)::int AS n FROM audit_events
          WHERE entity_id = 'parallel1' GROUP BY action`,
      );
      const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
      // Every check of a password is audited as a failed login; the rest never reached one.
      expect(counts['auth.login-failed']).toBe(5);
      expect(counts['auth.login-refused-locked']).toBe(35);
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      const right = await login(proxied, 'parallel1', 'right-password-77', '10.1.1.1').expect(423);
      expect(right.body.message).toMatch(/一時的にロックされています/);
    });

    it('counts attempts of one address in every API process together', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        statuses.push((await login(i % 2 ? second : direct, 'nobody', 'whatever-1')).status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
    });

    it('is not fooled by a rotating X-Forwarded-For unless the proxy is trusted', async () => {
      const rotated: number[] = [];
      for (let i = 0; i < 22; i++) {
        rotated.push((await login(direct, 'nobody', 'whatever-1', `192.0.2.${i + 1}`)).status);
      }
      expect(rotated.slice(20)).toEqual([429, 429]);
      const limited = await login(direct, 'nobody', 'whatever-1', '198.51.100.7').expect(429);
      expect(limited.body.message).toMatch(/ログインの試行が多すぎます/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      // Behind a trusted proxy each client has its own count, and one client still has a limit.
      await sql.query('DELETE FROM rate_limits');
      for (let i = 0; i < 22; i++) {
        await login(proxied, 'nobody', 'whatever-1', `203.0.113.${i + 1}`).expect(401);
      }
      const same: number[] = [];
      for (let i = 0; i < 21; i++) {
        same.push((await login(proxied, 'nobody', 'whatever-1', '203.0.113.200')).status);
      }
      expect(same.at(-1)).toBe(429);
    });
  });

  describe('passwords', () => {
    it('refuses common and breached passwords, saying why and what to do', async () => {
      const agent = await loginAs(direct, 'pw-jimu', 'secretariat');
      for (const weak of ['password12', '1234567890']) {
        const refused = await agent
          .post('/api/auth/password')
          .send({ currentPassword: TEST_PASSWORD, newPassword: weak })
          .expect(400);
        expect(refused.body.errors.newPassword).toMatch(
          /よく使われるパスワード.*別のパスワードにしてください/,
        );
      }
      await expect(
        direct.app
          .get(AuthService)
          .createUser({ login: 'pw-weak', role: 'reviewer', password: 'qwertyuiop' }),
      ).rejects.toThrow(/よく使われるパスワード/);
    });

    it('limits password changes per account and audits a wrong current password', async () => {
      const agent = await loginAs(direct, 'pw-guess', 'secretariat');
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const answer = await agent
          .post('/api/auth/password')
          .send({ currentPassword: `guess-${i}`, newPassword: 'a-new-password-42' });
        statuses.push(answer.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'auth.password-change-failed' AND entity_id = 'pw-guess'`,
      );
      expect(rows[0].n).toBe(10);
    });
  });

  describe('reads of personal data', () => {
    it('audits reading and exporting the audit log, and the deficiency notice CSV', async () => {
      const admin = await loginAs(direct, 'reads-admin', 'admin');
      await admin.get('/api/audit-events?range=[0,9]').expect(200);
      await admin.get('/api/audit-events/export.csv').expect(200);
      await admin.get('/api/deficiency-notices/export.csv').expect(200);
      const { rows } = await sql.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE actor = 'reads-admin' ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual([
        'auth.login',
        'audit.viewed',
        'audit.exported',
        'deficiency-notices.exported',
      ]);
    });
  });

  describe('malformed parameters', () => {
    let admin: request.Agent;
    beforeAll(async () => {
      admin = await loginAs(direct, 'param-admin', 'admin');
    });

    it.each([
      ['/api/dossiers?range=[0,1e300]', 'range'],
      ['/api/assignments?range=[1e300,1e300]', 'range'],
      ['/api/audit-events?range=[9007199254740993,9007199254740999]', 'range'],
      ['/api/audit-events?filter={"since":"garbage"}', 'filter'],
      ['/api/audit-events?filter={"until":"2026-02-30"}', 'filter'],
      ['/api/assignments?filter={"reviewerId":"abc"}', 'filter'],
      ['/api/users?filter={"q":"\\u0000"}', 'filter'],
    ])('answers %s with 400 naming %s', async (url, parameter) => {
      const answer = await admin.get(encodeURI(url)).expect(400);
      expect(answer.body.errors).toHaveProperty(parameter);
      expect(answer.body.message).toEqual(expect.any(String));
    });

    it('answers an id that is no whole number, or beyond any id, with 400 naming it', async () => {
      for (const id of ['abc', '1.5', '-1', '1e5', '99999999999999999999']) {
        for (const url of [`/api/users/${id}`, `/api/dossiers/${id}`, `/api/dispatches/${id}`]) {
          const answer = await admin.get(url).expect(400);
          expect(answer.body.errors.id).toMatch(
            /^id の値「.*」は読めません。1 以上 \d+ 以下の整数で/,
          );
        }
        await admin.post(`/api/users/${id}/unlock`).expect(400);
      }
      await admin.get('/api/users/2147483648').expect(400);
      await admin.get('/api/dossiers/2147483648').expect(404);
    });

    it('answers a text/plain body with 400, not 500', async () => {
      const answer = await admin
        .post('/api/users/abc/unlock')
        .set('Content-Type', 'text/plain')
        .send('unlock')
        .expect(400);
      expect(answer.body.message).toMatch(/JSON/);
    });
  });
});
