import pg from 'pg';
import request from 'supertest';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { AuthService } from '../../server/auth/auth.service.js';
import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** Decisions through the API: warnings, reasons, history, conflicts, release. */
describe('decisions', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;
  let office: request.Agent;
  let reviewer: request.Agent;
  let mine: { id: string; certNo: string };
  let other: { id: string; certNo: string };
  let third: { id: string; certNo: string };

  const decisionOf = async (certNo: string) =>
    (await app.app.get(ApplicationsReportService).listForRound('2021')).find(
      (a) => a.certNo === certNo,
    )!.decision;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await app.app.get(ImportService).run({
      roundId: '2021',
      source: generateBundle({ applicants: 6, seed: 4 }),
      requestedBy: 't',
    });
    // Checks as the worker would leave them: a review verdict with documents pending.
    await sql.query(`
      UPDATE dossiers SET verdict = 'review', counts = '{"cases": 21, "casesUnderReview": 0, "attendances": 3}'`);
    await sql.query(`
      INSERT INTO check_results (dossier_id, revision, results, not_passed)
      SELECT id, revision, '[{"rule":"fee.review","outcome":"pass","ref":null,"message":"支払済み"},
                            {"rule":"doc.cover","outcome":"pending","ref":null,"message":"表紙の確認待ちです"}]',
             '{doc.cover}'
        FROM dossiers`);
    const rows = (
      await sql.query(`SELECT id::text AS id, cert_no AS "certNo" FROM dossiers ORDER BY cert_no`)
    ).rows;
    [mine, other, third] = rows;
    admin = await loginAs(app, 'chair', 'admin');
    office = await loginAs(app, 'jimu', 'secretariat');
    await app.app.get(AuthService).createUser({
      login: 'iin',
      role: 'reviewer',
      password: TEST_PASSWORD,
      workplaceName: 'どこにもない病院',
    });
    reviewer = request.agent(app.baseUrl);
    await reviewer
      .post('/api/auth/login')
      .send({ login: 'iin', password: TEST_PASSWORD })
      .expect(200);
    const reviewerId = (await reviewer.get('/api/auth/me')).body.id;
    await office
      .post('/api/assignments')
      .send({ roundId: '2021', reviewerId, certNos: [mine.certNo] })
      .expect(200);
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('warns before 合格 against the checks and then asks a reason, recorded as overriding them', async () => {
    const warnings = await reviewer.get(`/api/dossiers/${mine.id}/decision-warnings`).expect(200);
    expect(warnings.body.map((w: { rule: string }) => w.rule)).toEqual(['doc.cover']);
    const refused = await reviewer
      .post(`/api/dossiers/${mine.id}/decisions`)
      .send({ decision: '合格', reasonCodes: ['P01'], expectedCurrentId: null })
      .expect(400);
    expect(refused.body.message).toBe(
      'チェックを満たしていないため、合格にするには理由が必要です(未確認: 表紙(署名・押印))',
    );
    const recorded = await reviewer
      .post(`/api/dossiers/${mine.id}/decisions`)
      .send({
        decision: '合格',
        reasonCodes: ['P02'],
        reason: '表紙は原本で確認済み',
        expectedCurrentId: null,
      })
      .expect(201);
    expect(recorded.body.decision).toMatchObject({
      decision: '合格',
      reasonCodes: ['P02'],
      releasedAt: null,
      decidedBy: 'iin',
      overriddenChecks: [expect.objectContaining({ rule: 'doc.cover' })],
    });
    // Not released: letters and lists (and applications --json) do not see it yet.
    expect(await decisionOf(mine.certNo)).toBeNull();
  });

  it('never lets a second person overwrite a decision they did not see', async () => {
    const stale = await office
      .post(`/api/dossiers/${mine.id}/decisions`)
      .send({ decision: '保留', reasonCodes: ['H01'], expectedCurrentId: null })
      .expect(409);
    expect(stale.body.message).toMatch(/他の人が先に判定を記録しました\(iin: 合格\)/);
    const [current] = (await office.get(`/api/dossiers/${mine.id}/decisions`).expect(200)).body;
    await office
      .post(`/api/dossiers/${mine.id}/decisions`)
      .send({ decision: '保留', reasonCodes: ['H01'], expectedCurrentId: current.id })
      .expect(201);
    const history = (await office.get(`/api/dossiers/${mine.id}/decisions`).expect(200)).body;
    expect(
      history.map((d: { decision: string; supersededAt: string | null }) => [
        d.decision,
        !!d.supersededAt,
      ]),
    ).toEqual([
      ['保留', false],
      ['合格', true],
    ]);
  });

  it('asks what the caller saw, even for a first decision: expectedCurrentId is required', async () => {
    const before = (await office.get(`/api/dossiers/${mine.id}/decisions`).expect(200)).body;
    const missing = await office
      .post(`/api/dossiers/${mine.id}/decisions`)
      .send({ decision: '不合格', reasonCodes: ['F01'] })
      .expect(400);
    expect(missing.body.message).toMatch(/^expectedCurrentId がありません/);
    expect(missing.body.problems).toEqual([
      { field: 'expectedCurrentId', message: expect.stringContaining('null') },
    ]);
    const wrong = await office
      .post(`/api/dossiers/${other.id}/decisions`)
      .send({ decision: '不合格', reasonCodes: ['F01'], expectedCurrentId: 'latest' })
      .expect(400);
    expect(wrong.body.problems).toEqual([
      { field: 'expectedCurrentId', message: expect.stringContaining('「latest」') },
    ]);
    // Nothing was replaced, and a dossier with no decision yet still has none.
    expect((await office.get(`/api/dossiers/${mine.id}/decisions`).expect(200)).body).toEqual(
      before,
    );
    expect((await office.get(`/api/dossiers/${other.id}/decisions`).expect(200)).body).toEqual([]);
  });

  it('keeps reviewers to their own dossiers', async () => {
    await reviewer.get(`/api/dossiers/${other.id}/decisions`).expect(403);
    await reviewer
      .post(`/api/dossiers/${other.id}/decisions`)
      .send({ decision: '不合格', reason: 'x', expectedCurrentId: null })
      .expect(403);
  });

  it('releases in a batch (admins only); released decisions reach applications', async () => {
    await office
      .post(`/api/dossiers/${other.id}/decisions`)
      .send({ decision: '不合格', reasonCodes: ['F01'], expectedCurrentId: null })
      .expect(201);
    expect((await office.get('/api/decisions/pending?roundId=2021').expect(200)).body).toEqual({
      保留: 1,
      不合格: 1,
    });
    await office.post('/api/decisions/release').send({ roundId: '2021' }).expect(403);
    const released = await admin
      .post('/api/decisions/release')
      .send({ roundId: '2021', dossierIds: [other.id] })
      .expect(200);
    expect(released.body).toEqual({ released: 1, byDecision: { 不合格: 1 } });
    expect(await decisionOf(other.certNo)).toBe('不合格');
    expect(await decisionOf(mine.certNo)).toBeNull();

    // What a release would do is shown first; 保留 stays back unless asked.
    await office
      .post(`/api/dossiers/${third.id}/decisions`)
      .send({ decision: '合格', reason: '表紙は原本で確認済み', expectedCurrentId: null })
      .expect(201);
    await office.post('/api/decisions/release/preview').send({ roundId: '2021' }).expect(403);
    const preview = await admin
      .post('/api/decisions/release/preview')
      .send({ roundId: '2021' })
      .expect(200);
    expect(preview.body).toEqual({
      pending: { 合格: 1, 保留: 1 },
      releasing: 1,
      deciders: [{ login: 'jimu', displayName: expect.any(String), decisions: 1 }],
      overridden: [{ rule: 'doc.cover', message: '表紙の確認待ちです', decisions: 1 }],
    });
    const withHeld = await admin
      .post('/api/decisions/release/preview')
      .send({ roundId: '2021', dossierIds: [mine.id], includeHeld: true })
      .expect(200);
    expect(withHeld.body).toMatchObject({ pending: { 保留: 1 }, releasing: 1, overridden: [] });
    const withoutHeld = await admin
      .post('/api/decisions/release')
      .send({ roundId: '2021' })
      .expect(200);
    expect(withoutHeld.body).toEqual({ released: 1, byDecision: { 合格: 1 } });
    expect(await decisionOf(mine.certNo)).toBeNull();
    await admin
      .post('/api/decisions/release')
      .send({ roundId: '2021', includeHeld: 'yes' })
      .expect(400);
    await admin
      .post('/api/decisions/release')
      .send({ roundId: '2021', includeHeld: true })
      .expect(200);
    expect(await decisionOf(mine.certNo)).toBe('保留');
    const again = await admin.post('/api/decisions/release').send({ roundId: '2021' }).expect(200);
    expect(again.body.released).toBe(0);

    const events = (await office.get(`/api/dossiers/${mine.id}/audit-events`).expect(200)).body;
    const changes = events
      .map((e: { action: string }) => e.action)
      .filter((action: string) => !action.endsWith('-viewed'));
    expect(changes.slice(0, 3)).toEqual([
      'decision.released',
      'decision.recorded',
      'decision.recorded',
    ]);
    const list = (await office.get('/api/dossiers').expect(200)).body;
    expect(list.find((d: { certNo: string }) => d.certNo === mine.certNo).decision).toMatchObject({
      decision: '保留',
      released: true,
    });
  });
});
