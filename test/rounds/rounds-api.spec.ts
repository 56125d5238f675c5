import request from 'supertest';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const ROUND_2022 = {
  round: '2022',
  label: '2022年度',
  applicationOpens: '2022-02-01T13:00:00+09:00',
  reviewFeeDeadline: '2022-09-08T15:00:00+09:00',
  elearningDeadline: '2022-09-15T23:59:59+09:00',
  registrationDeadline: '2022-09-15T23:59:59+09:00',
  postmarkDeadline: '2022-09-30',
  resultsAddressCutoff: '2023-03-10',
  certificateAddressCutoff: '2023-04-30',
  renewalDate: '2023-04-01',
  fees: { review: 11000, certification: 22000, handling: 110 },
  requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
  pinBadgeAtRenewal: 2,
};

describe('rounds API (react-admin REST) behind a session', () => {
  let db: TestDatabase;
  let app: TestApp;
  let admin: request.Agent;
  let reviewer: request.Agent;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    admin = await loginAs(app, 'admin1', 'admin');
    reviewer = await loginAs(app, 'reviewer1', 'reviewer');
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('refuses every round endpoint without a session', async () => {
    const anonymous = request(app.baseUrl);
    await anonymous.get('/api/rounds').expect(401);
    await anonymous.get('/api/rounds/2021').expect(401);
    await anonymous.post('/api/rounds').send(ROUND_2022).expect(401);
    await anonymous.put('/api/rounds/2021').send({}).expect(401);
    const me = await anonymous.get('/api/auth/me').expect(401);
    expect(me.body.message).toMatch(/ログインしてください/);
  });

  it('sets an http-only, SameSite session cookie and refuses a wrong password', async () => {
    const response = await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: 'admin1', password: TEST_PASSWORD })
      .expect(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/shinsa_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const wrong = await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: 'admin1', password: 'nope' })
      .expect(401);
    expect(wrong.body.message).toMatch(/ログイン名またはパスワードが違います/);
    await request(app.baseUrl).post('/api/auth/login').send({}).expect(400);
  });

  it('lists with Content-Range, sort and range', async () => {
    const response = await reviewer
      .get('/api/rounds')
      .query({ sort: '["id","ASC"]', range: '[0,9]', filter: '{}' })
      .expect(200);
    expect(response.headers['content-range']).toBe('rounds 0-0/1');
    expect(response.body[0]).toMatchObject({ id: '2021', label: '2021年度', version: 1 });
    await reviewer.get('/api/rounds').query({ sort: '["secret","ASC"]' }).expect(400);
  });

  it('lets reviewers read but not change rounds', async () => {
    await reviewer.get('/api/rounds/2021').expect(200);
    await reviewer
      .put('/api/rounds/2021')
      .send({ ...ROUND_2022, round: '2021' })
      .expect(403);
    await reviewer.post('/api/rounds').send(ROUND_2022).expect(403);
  });

  it('lets an admin create a round, and refuses it twice', async () => {
    const created = await admin.post('/api/rounds').send(ROUND_2022).expect(201);
    expect(created.body).toMatchObject({ ...ROUND_2022, id: '2022', version: 1 });
    await admin.post('/api/rounds').send(ROUND_2022).expect(409);
    const list = await admin.get('/api/rounds').query({ filter: '{"q":"2022"}' }).expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual(['2022']);
    const many = await admin
      .get('/api/rounds')
      .query({ filter: '{"id":["2021","2022"]}' })
      .expect(200);
    expect(many.headers['content-range']).toBe('rounds 0-1/2');
  });

  it('reports each invalid field in a body react-admin maps onto the form', async () => {
    const response = await admin
      .put('/api/rounds/2022')
      .send({
        ...ROUND_2022,
        fees: { ...ROUND_2022.fees, review: -5 },
        postmarkDeadline: '2022-02-30',
      })
      .expect(400);
    expect(response.body.errors).toEqual({
      'fees.review': expect.stringMatching(/0 以上の整数/),
      postmarkDeadline: expect.stringMatching(/実在する日付/),
    });
    expect(response.body.message).toMatch(/年度設定に誤りがあります\(2 件\)/);
  });

  it('saves an edit, and refuses a save made on a stale version', async () => {
    const current = (await admin.get('/api/rounds/2022').expect(200)).body;
    const saved = await admin
      .put('/api/rounds/2022')
      .send({ ...current, label: '2022年度(改)' })
      .expect(200);
    expect(saved.body).toMatchObject({ label: '2022年度(改)', version: current.version + 1 });

    const stale = await admin
      .put('/api/rounds/2022')
      .send({ ...current, label: '古い画面からの保存' })
      .expect(409);
    expect(stale.body.message).toMatch(/他の人が先に変更しました/);
    expect((await admin.get('/api/rounds/2022')).body.label).toBe('2022年度(改)');
  });

  it('answers 404 for an unknown round', async () => {
    const response = await admin.get('/api/rounds/1999').expect(404);
    expect(response.body.message).toMatch(/年度「1999」はありません/);
  });

  it('ends the session at logout', async () => {
    const agent = await loginAs(app, 'secretariat1', 'secretariat');
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });
});
