import pg from 'pg';
import request from 'supertest';
import { ImportService } from '../../server/imports/import.service.js';
import { jstDay } from '../../server/common/japan-time.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

interface Row {
  action: string;
  actor: string;
  certNo: string | null;
  views: { count: number; firstAt: string; actions: string[] } | null;
}

/** The audit log as the secretariat reads it: filtered, with views of a dossier collapsed. */
describe('audit log filters and collapsed views', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;
  let office: request.Agent;
  let dossier: { id: string; certNo: string; name: string };
  let other: { id: string; certNo: string };

  const log = async (filter: Record<string, unknown>) => {
    const answer = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify(filter), range: '[0,99]' })
      .expect(200);
    const total = Number(/\/(\d+)$/.exec(answer.headers['content-range'])![1]);
    return { rows: answer.body as Row[], total };
  };
  const shape = (rows: Row[]) => rows.map((r) => [r.action, r.views?.count ?? 1]);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    admin = await loginAs(app, 'log-admin', 'admin');
    office = await loginAs(app, 'log-jimu', 'secretariat');
    await app.app.get(ImportService).run({
      roundId: '2021',
      source: generateBundle({ applicants: 3, seed: 5 }),
      requestedBy: 'test',
    });
    const { rows } = await sql.query(
      `SELECT id::text AS id, cert_no AS "certNo", family_name || given_name AS name
         FROM dossiers ORDER BY cert_no LIMIT 2`,
    );
    [dossier, other] = rows;
    const base = `/api/dossiers/${dossier.id}`;
    // Three reads, a decision, then two more reads; the other dossier read in between.
    await office.get(base).expect(200);
    await office.get(`${base}/documents`).expect(200);
    await office.get(`/api/dossiers/${other.id}`).expect(200);
    await office.get(`${base}/decisions`).expect(200);
    await office
      .post(`${base}/decisions`)
      .send({ decision: '保留', reasonCodes: ['H01'], expectedCurrentId: null })
      .expect(201);
    await office.get(base).expect(200);
    await office.get(`${base}/overrides`).expect(200);
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it("collapses a person's consecutive views of a dossier into one row, around its changes", async () => {
    const { rows, total } = await log({ dossier: dossier.certNo });
    expect(shape(rows)).toEqual([
      ['dossier.overrides-viewed', 2],
      ['decision.recorded', 1],
      ['dossier.decisions-viewed', 3],
    ]);
    expect(total).toBe(3);
    expect(rows[2].views).toEqual({
      count: 3,
      firstAt: expect.any(String),
      actions: ['dossier.decisions-viewed', 'dossier.documents-viewed', 'dossier.viewed'],
    });
    expect(rows[2].views!.firstAt < (rows[0] as unknown as { at: string }).at).toBe(true);
  });

  it('lists every view when asked to, and finds the dossier by its applicant’s name', async () => {
    const each = await log({ dossier: dossier.certNo, reads: 'each' });
    expect(each.total).toBe(6);
    expect(each.rows.every((r) => r.views === undefined)).toBe(true);
    const byName = await log({ dossier: dossier.name });
    expect(shape(byName.rows)).toEqual(shape((await log({ dossier: dossier.certNo })).rows));
    const byId = await log({ dossierId: dossier.id });
    expect(byId.total).toBe(3);
    const changesOnly = await log({ dossierId: dossier.id, reads: 'none' });
    expect(shape(changesOnly.rows)).toEqual([['decision.recorded', 1]]);
  });

  it('filters by who, what and day (Japan time), and pages the collapsed rows', async () => {
    const decisions = await log({ action: 'decision.recorded' });
    expect(decisions.rows.map((r) => [r.actor, r.certNo])).toEqual([['log-jimu', dossier.certNo]]);
    const mine = await log({ actor: 'log-jimu' });
    const { rows: accounts } = await sql.query(`SELECT id FROM users WHERE login = 'log-jimu'`);
    expect(await log({ actorId: accounts[0].id })).toEqual(mine);
    // Logins break no run of a dossier's views: the other dossier's one view stays one row.
    expect(shape(mine.rows)).toEqual([
      ['dossier.overrides-viewed', 2],
      ['decision.recorded', 1],
      ['dossier.decisions-viewed', 3],
      ['dossier.viewed', 1],
      ['auth.login', 1],
    ]);
    const today = jstDay(new Date());
    expect((await log({ actor: 'log-jimu', from: today, to: today })).total).toBe(5);
    expect((await log({ actor: 'log-jimu', to: '2020-01-01' })).total).toBe(0);
    const page = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ actor: 'log-jimu' }), range: '[1,2]' })
      .expect(200);
    expect(page.headers['content-range']).toBe('audit-events 1-2/5');
    expect(shape(page.body)).toEqual(shape(mine.rows.slice(1, 3)));
  });

  it('sorts the collapsed rows by another column too', async () => {
    const answer = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ dossier: dossier.certNo }), sort: '["action","ASC"]' })
      .expect(200);
    expect(shape(answer.body)).toEqual([
      ['decision.recorded', 1],
      ['dossier.decisions-viewed', 3],
      ['dossier.overrides-viewed', 2],
    ]);
  });

  it("collapses the dossier's history tab the same way", async () => {
    const history = await office.get(`/api/dossiers/${dossier.id}/audit-events`).expect(200);
    expect(shape(history.body)).toEqual([
      ['dossier.overrides-viewed', 2],
      ['decision.recorded', 1],
      ['dossier.decisions-viewed', 3],
    ]);
  });

  it('refuses a day it cannot read, saying how to write it', async () => {
    const answer = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ from: '2026-02-30' }) })
      .expect(400);
    expect(answer.body.message).toMatch(/2026-04-01 の形式/);
  });
});
