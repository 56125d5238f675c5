import pg from 'pg';
import request from 'supertest';
import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The append-only audit trail: who changed what, when, before and after. */
describe('audit trail', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    admin = await loginAs(app, 'audit-admin', 'admin');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('records logins, failed logins and accounts created', async () => {
    await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: 'audit-admin', password: 'wrong-one' })
      .expect(401);
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ entity: 'user' }), sort: '["at","ASC"]' })
      .expect(200);
    expect(body.map((e: { action: string }) => e.action)).toEqual([
      'user.created',
      'auth.login',
      'auth.login-failed',
    ]);
    expect(body[0]).toMatchObject({
      actor: 'system',
      entityId: 'audit-admin',
      after: { role: 'admin' },
    });
    expect(body[1].ip).toBeTruthy();
  });

  it('records a round change with who made it and the values before and after', async () => {
    const { body: round } = await admin.get('/api/rounds/2021').expect(200);
    await admin
      .put('/api/rounds/2021')
      .send({ ...round, label: '2021年度(改)' })
      .expect(200);
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'round.updated' }) })
      .expect(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      actor: 'audit-admin',
      roundId: '2021',
      before: { label: '2021年度' },
      after: { label: '2021年度(改)' },
    });
  });

  it('records each import with its outcome', async () => {
    const bundle = generateBundle({ applicants: 5, seed: 2 });
    await app.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'jimu-x' });
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: '{"q":"import.finished"}' })
      .expect(200);
    expect(body[0]).toMatchObject({
      actor: 'jimu-x',
      entity: 'import',
      after: { exitCode: 0, dossiers: { imported: 5 } },
    });
  });

  it('cannot be changed or deleted, not even by the application database user', async () => {
    await expect(sql.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('exports the filtered log as CSV for Excel', async () => {
    const csv = await admin
      .get('/api/audit-events/export.csv')
      .query({ filter: '{"entity":"round"}' })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('日時,実行者,操作,対象,対象ID,年度,認定番号,変更前,変更後,接続元');
    expect(lines.slice(1).every((l) => l.includes('round.updated'))).toBe(true);
    expect(lines).toHaveLength(2);
  });

  it('neutralises in its CSV a login name typed as a formula at the login page', async () => {
    await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: '=HYPERLINK("http://evil.example/","x")', password: 'whatever-1' })
      .expect(401);
    const csv = await admin
      .get('/api/audit-events/export.csv')
      .query({ filter: '{"action":"auth.login-failed"}' })
      .expect(200);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    const line = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(line.split(',')[1]).toBe(`"'=HYPERLINK(""http://evil.example/""`);
    expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });
});
