import pg from 'pg';
import request from 'supertest';
import { generateBundle } from '../support/bundles.js';
import {
  binary,
  createTestDatabase,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The dossier list's filters and export, saved views, bulk hold and the dashboard. */
describe('the console list and dashboard', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;
  let office: request.Agent;
  let reviewer: request.Agent;
  let dossiers: { id: string; certNo: string }[];

  const list = async (agent: request.Agent, filter: Record<string, unknown>) => {
    const response = await agent
      .get('/api/dossiers')
      .query({ filter: JSON.stringify({ roundId: '2021', ...filter }), range: '[0,999]' })
      .expect(200);
    return (response.body as { certNo: string }[]).map((d) => d.certNo).sort();
  };
  const expectedBy = async (where: string, params: unknown[] = []) =>
    (
      await sql.query(
        `SELECT d.cert_no FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id
          WHERE ${where} ORDER BY d.cert_no`,
        params,
      )
    ).rows.map((r) => r.cert_no as string);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const imported = await importChecked(
      app,
      generateBundle({ applicants: 40, seed: 12, defects: 0.3 }),
    );
    dossiers = imported;
    admin = await loginAs(app, 'chair', 'admin');
    office = await loginAs(app, 'jimu', 'secretariat');
    reviewer = await loginAs(app, 'iin', 'reviewer');
    const reviewerId = (await reviewer.get('/api/auth/me')).body.id;
    await sql.query(`UPDATE users SET workplace_name = 'どこにもない病院' WHERE id = $1`, [
      reviewerId,
    ]);
    await office
      .post('/api/assignments')
      .send({ roundId: '2021', reviewerId, certNos: dossiers.slice(0, 3).map((d) => d.certNo) })
      .expect(200);
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('keeps each rule’s worst outcome beside the results, for filtering', async () => {
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM check_results WHERE outcomes->>'fee.review' IS NOT NULL`,
    );
    expect(rows[0].n).toBe(dossiers.length);
  });

  it('filters by failing rule, mail and fee status as the stored outcomes say', async () => {
    const [{ rule }] = (
      await sql.query(
        `SELECT unnest(not_passed) AS rule FROM check_results GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows;
    expect(await list(office, { rule })).toEqual(
      await expectedBy(`$1 = ANY(c.not_passed)`, [rule]),
    );
    expect(await list(office, { rule: 'case.diagnosis', ruleOutcome: 'review' })).toEqual(
      await expectedBy(`c.outcomes->>'case.diagnosis' = 'review'`),
    );
    const notReceived = await list(office, { mail: 'notReceived' });
    const received = await list(office, { mail: 'received' });
    expect(notReceived.length + received.length).toBe(dossiers.length);
    expect(received).toEqual(await expectedBy(`c.outcomes->>'mail.postmark' <> 'pending'`));
    for (const fee of ['pass', 'pending', 'fail', 'review']) {
      expect(await list(office, { fee })).toEqual(
        await expectedBy(`c.outcomes->>'fee.review' = $1`, [fee]),
      );
    }
    // Combined with a search: the filters narrow each other.
    const one = dossiers[5].certNo;
    expect(await list(office, { q: one, mail: 'received' })).toEqual(
      received.includes(one) ? [one] : [],
    );
  });

  it('refuses a filter value it does not know, saying which ones it does', async () => {
    const response = await office
      .get('/api/dossiers')
      .query({ filter: JSON.stringify({ fee: 'paid' }) })
      .expect(400);
    expect(response.body.message).toBe(
      '審査料の絞り込み「paid」は使えません。使える値: pass, pending, fail, review',
    );
  });

  it('puts chosen dossiers on hold in bulk, leaving those already decided alone', async () => {
    const [a, b, c] = dossiers.slice(10, 13);
    await office
      .post(`/api/dossiers/${c.id}/decisions`)
      .send({ decision: '不合格', reasonCodes: ['F01'], expectedCurrentId: null })
      .expect(201);
    const noReason = await office
      .post('/api/decisions/hold')
      .send({ dossierIds: [a.id] })
      .expect(400);
    expect(noReason.body.message).toBe('保留 には理由(コードか文章)を付けてください');
    const held = await office
      .post('/api/decisions/hold')
      .send({ dossierIds: [a.id, b.id, c.id], reasonCodes: ['H01'], reason: '参加証明の到着待ち' })
      .expect(200);
    expect(held.body).toEqual({
      held: 2,
      unchanged: 0,
      skipped: [
        {
          id: c.id,
          certNo: c.certNo,
          reason: 'すでに「不合格」と判定されています。変更は申請の画面で行ってください',
        },
      ],
    });
    const again = await office
      .post('/api/decisions/hold')
      .send({ dossierIds: [a.id], reasonCodes: ['H01'] })
      .expect(200);
    expect(again.body).toMatchObject({ held: 0, unchanged: 1 });
    expect(await list(office, { decision: '保留' })).toEqual([a.certNo, b.certNo].sort());
    expect(await list(office, { decision: 'unreleased' })).toEqual(
      [a.certNo, b.certNo, c.certNo].sort(),
    );
    expect((await list(office, { decision: 'none' })).length).toBe(dossiers.length - 3);
    // A reviewer's bulk hold reaches only their own dossiers.
    const mine = dossiers[0];
    const reviewerHold = await reviewer
      .post('/api/decisions/hold')
      .send({ dossierIds: [mine.id, a.id], reason: '照会中' })
      .expect(200);
    expect(reviewerHold.body.held).toBe(1);
    expect(reviewerHold.body.unchanged).toBe(0);
    expect(reviewerHold.body.skipped).toEqual([
      {
        id: a.id,
        certNo: null,
        reason: 'この申請はあなたの担当ではありません。担当の変更は事務局に依頼してください',
      },
    ]);
  });

  it('exports the filtered list as CSV with no row cap, audited', async () => {
    const response = await office
      .get('/api/dossiers/export.csv')
      .query({ filter: JSON.stringify({ roundId: '2021', decision: 'unreleased' }) })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = (response.body as Buffer).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF認定番号,年度,氏名,ふりがな,版,自動判定,算入症例数,要確認症例数,算入参加数,判定,判定の公開,担当審査委員,勤務先,郵便物(消印),更新審査料,通過していない規則',
    );
    expect(lines).toHaveLength(1 + 4);
    expect(lines.slice(1).every((l) => l.includes(',未公開,'))).toBe(true);

    const all = await office
      .get('/api/dossiers/export.csv')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect((all.body as string).trimEnd().split('\r\n')).toHaveLength(1 + dossiers.length);

    const { rows } = await sql.query(
      `SELECT actor, after FROM audit_events WHERE action = 'dossiers.exported' ORDER BY id`,
    );
    expect(rows.map((r) => [r.actor, r.after.rows])).toEqual([
      ['jimu', 4],
      ['jimu', dossiers.length],
    ]);
    await reviewer.get('/api/dossiers/export.csv').expect(403);
    const wrong = await office
      .get('/api/dossiers/export.csv')
      .query({ filter: JSON.stringify({ mail: 'lost' }) })
      .expect(400);
    expect(wrong.body.message).toContain('郵便物の絞り込み「lost」は使えません');
  });

  it('saves views on the server: own ones private, shared ones seen by everybody', async () => {
    const saved = await office
      .post('/api/saved-views')
      .send({
        resource: 'dossiers',
        name: '未着の郵便',
        filter: { roundId: '2021', mail: 'notReceived' },
        sort: { field: 'certNo', order: 'ASC' },
        shared: true,
      })
      .expect(201);
    await office
      .post('/api/saved-views')
      .send({ resource: 'dossiers', name: '自分用', filter: { verdict: 'fail' } })
      .expect(201);
    const seenByAdmin = await admin.get('/api/saved-views').query({ resource: 'dossiers' });
    expect(seenByAdmin.body.map((v: { name: string }) => v.name)).toEqual(['未着の郵便']);
    expect(seenByAdmin.body[0]).toMatchObject({
      owner: 'jimu',
      shared: true,
      filter: { roundId: '2021', mail: 'notReceived' },
    });
    const own = await office.get('/api/saved-views').query({ resource: 'dossiers' });
    expect(own.body.map((v: { name: string }) => v.name)).toEqual(['未着の郵便', '自分用']);
    // Saving under the same name replaces it.
    await office
      .post('/api/saved-views')
      .send({ resource: 'dossiers', name: '自分用', filter: { verdict: 'review' } })
      .expect(201);
    const replaced = await office.get('/api/saved-views').query({ resource: 'dossiers' });
    expect(replaced.body).toHaveLength(2);
    expect(replaced.body[1].filter).toEqual({ verdict: 'review' });

    const shareByReviewer = await reviewer
      .post('/api/saved-views')
      .send({ resource: 'dossiers', name: 'x', filter: {}, shared: true })
      .expect(400);
    expect(shareByReviewer.body.errors.shared).toContain('共有できるのは事務局と管理者です');
    const noName = await office
      .post('/api/saved-views')
      .send({ resource: 'dossiers', name: ' ', filter: {} })
      .expect(400);
    expect(noName.body.errors.name).toBe('ビューの名前を 1〜80 文字で付けてください');

    const notYours = await reviewer.delete(`/api/saved-views/${saved.body.id}`).expect(403);
    expect(notYours.body.message).toBe(
      'ビュー「未着の郵便」は jimu さんのものです。削除は本人か管理者に依頼してください',
    );
    await admin.delete(`/api/saved-views/${saved.body.id}`).expect(200);
    await admin.delete(`/api/saved-views/${saved.body.id}`).expect(404);
  });

  it('counts the round on the dashboard; a reviewer sees only their dossiers', async () => {
    const board = await office.get('/api/dashboard').query({ roundId: '2021' }).expect(200);
    const verdicts = (
      await sql.query(`SELECT verdict, count(*)::int AS n FROM dossiers GROUP BY 1`)
    ).rows;
    const n = (v: string) => verdicts.find((r) => r.verdict === v)?.n ?? 0;
    expect(board.body.verdicts).toEqual({
      pass: n('pass'),
      fail: n('fail'),
      review: n('review'),
      unchecked: 0,
    });
    expect(board.body.stages.imported).toBe(dossiers.length);
    expect(board.body.stages.mailReceived).toBe((await list(office, { mail: 'received' })).length);
    expect(board.body.stages.paid).toBe((await list(office, { fee: 'pass' })).length);
    expect(board.body.decisions).toMatchObject({ 保留: 3, 不合格: 1, unreleased: 4 });
    expect(board.body.stages.decided).toBe(1);
    const rule = board.body.rules.find((r: { rule: string }) => r.rule === 'doc.cover');
    expect(rule).toEqual({ rule: 'doc.cover', fail: 0, review: 0, pending: dossiers.length });
    // Today's work counts what the list shows with the filter the console links to.
    expect(board.body.today.unassigned).toBe((await list(office, { unassigned: true })).length);
    expect(board.body.today.unassigned).toBe(dossiers.length - 3);
    expect(board.body.today.casesUnderReview).toBe(
      (await list(office, { decision: 'none', rule: 'cases.count', ruleOutcome: 'review' })).length,
    );
    expect(board.body.today.mailProblems).toBe((await list(office, { mail: 'problem' })).length);
    expect(board.body.today.feeToReview).toBe((await list(office, { fee: 'review' })).length);
    expect(board.body.today.undecided).toBe((await list(office, { decision: 'none' })).length);

    const mine = await reviewer.get('/api/dashboard').query({ roundId: '2021' }).expect(200);
    expect(mine.body.onlyAssigned).toBe(true);
    expect(mine.body.stages.imported).toBe(3);
    expect(mine.body.decisions.保留).toBe(1);
    const unknown = await office.get('/api/dashboard').query({ roundId: '1999' }).expect(404);
    expect(unknown.body.message).toBe('年度「1999」はありません。年度一覧で ID を確かめてください');
  });

  it('names the previous and next dossier of the list as filtered and sorted', async () => {
    const filter = JSON.stringify({ roundId: '2021', decision: 'none' });
    const page = await office
      .get('/api/dossiers')
      .query({ filter, sort: '["certNo","DESC"]', range: '[0,999]' })
      .expect(200);
    const ids = page.body.map((d: { id: string }) => d.id);
    const around = await office
      .get(`/api/dossiers/${ids[1]}/neighbours`)
      .query({ filter, sort: '["certNo","DESC"]' })
      .expect(200);
    expect(around.body).toEqual({
      previous: ids[0],
      next: ids[2],
      position: 2,
      total: ids.length,
    });
    const last = await office
      .get(`/api/dossiers/${ids[ids.length - 1]}/neighbours`)
      .query({ filter, sort: '["certNo","DESC"]' });
    expect(last.body.next).toBeNull();
    // A reviewer goes only through their own dossiers.
    const mine = await reviewer.get(`/api/dossiers/${dossiers[1].id}/neighbours`).expect(200);
    expect(mine.body).toEqual({
      previous: dossiers[0].id,
      next: dossiers[2].id,
      position: 2,
      total: 3,
    });
  });

  it('shows the dossier with its e-learning, payments and mail', async () => {
    const [{ id }] = (
      await sql.query(
        `SELECT d.id::text AS id FROM dossiers d
          WHERE EXISTS (SELECT 1 FROM payments p WHERE p.cert_no = d.cert_no)
            AND EXISTS (SELECT 1 FROM envelopes e WHERE e.cert_no = d.cert_no)
            AND EXISTS (SELECT 1 FROM elearning_results e WHERE e.cert_no = d.cert_no)
          ORDER BY d.cert_no LIMIT 1`,
      )
    ).rows;
    const dossier = (await office.get(`/api/dossiers/${id}`).expect(200)).body;
    expect(dossier.elearning.length).toBeGreaterThan(0);
    expect(Object.keys(dossier.elearning[0]).sort()).toEqual([
      'completedAt',
      'field',
      'kind',
      'miniTestScore',
    ]);
    expect(dossier.payments[0]).toMatchObject({
      transactionId: expect.any(String),
      item: expect.stringMatching(/^更新(審査|認定)料$/),
      status: expect.any(String),
    });
    expect(dossier.mail[0]).toMatchObject({
      receiptNo: expect.any(String),
      arrivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      scans: expect.any(Array),
    });
  });
  // The dashboard's counts are kept a moment (dashboard-cache.service.ts): a decision or an
  // assignment made in the console shows on the next reading, not when that moment is over.
  it('counts a decision and an assignment on the dashboard at once', async () => {
    const board = async () =>
      (await office.get('/api/dashboard').query({ roundId: '2021' }).expect(200)).body;
    const mine = async () =>
      (await reviewer.get('/api/dashboard').query({ roundId: '2021' }).expect(200)).body;
    const before = await board();
    const mineBefore = await mine();
    const undecided = (
      await sql.query(
        `SELECT d.id::text AS id, d.cert_no AS "certNo" FROM dossiers d
          WHERE NOT EXISTS (SELECT 1 FROM decisions x WHERE x.dossier_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id)
          ORDER BY d.cert_no LIMIT 2`,
      )
    ).rows as { id: string; certNo: string }[];
    expect(undecided).toHaveLength(2);
    await office
      .post(`/api/dossiers/${undecided[0].id}/decisions`)
      .send({ decision: '不合格', reasonCodes: ['F01'], expectedCurrentId: null })
      .expect(201);
    const decided = await board();
    expect(decided.decisions.不合格).toBe(before.decisions.不合格 + 1);
    expect(decided.today.undecided).toBe(before.today.undecided - 1);
    expect(decided.stages.decided).toBe(before.stages.decided + 1);

    const reviewerId = (await reviewer.get('/api/auth/me')).body.id;
    await office
      .post('/api/assignments')
      .send({ roundId: '2021', reviewerId, certNos: [undecided[1].certNo] })
      .expect(200);
    const assigned = await board();
    expect(assigned.today.unassigned).toBe(decided.today.unassigned - 1);
    expect((await mine()).stages.imported).toBe(mineBefore.stages.imported + 1);
  });
});
