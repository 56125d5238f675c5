import iconv from 'iconv-lite';
import pg from 'pg';
import request from 'supertest';
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

interface Places {
  id: string;
  certNo: string;
  workplace: string | null;
  sheets: string[];
}

/**
 * Accounts, reviewer assignment with conflicts of interest, what reviewers may see, and the
 * audit trail of it all, through the HTTP API against real PostgreSQL.
 */
describe('accounts, assignment and reviewer access', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;
  let office: request.Agent;
  let dossiers: Places[];

  /** Logs in with a one-time password and chooses a new one, as a new account must. */
  const firstLogin = async (login: string, temporary: string): Promise<request.Agent> => {
    const agent = request.agent(app.baseUrl);
    const me = await agent.post('/api/auth/login').send({ login, password: temporary }).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    await agent.get('/api/dossiers').expect(403);
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: temporary, newPassword: TEST_PASSWORD })
      .expect(200);
    return agent;
  };

  const createReviewer = async (
    login: string,
    workplace: { workplaceFacilityNo?: string; workplaceName?: string },
  ): Promise<{ id: number; agent: request.Agent }> => {
    const created = await admin
      .post('/api/users')
      .send({ login, displayName: `委員 ${login}`, role: 'reviewer', ...workplace })
      .expect(201);
    expect(created.body).toMatchObject({ login, role: 'reviewer', mustChangePassword: true });
    expect(created.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(created.body).not.toHaveProperty('passwordHash');
    return { id: created.body.id, agent: await firstLogin(login, created.body.temporaryPassword) };
  };

  const assignmentCount = async () =>
    Number((await sql.query(`SELECT count(*) AS n FROM assignments`)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const bundle = generateBundle({ applicants: 40, seed: 5 });
    await app.app.get(ImportService).run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    dossiers = (
      await sql.query(
        `SELECT d.id::text AS id, d.cert_no AS "certNo",
                r.applicant->>'workplaceFacilityNo' AS workplace,
                coalesce((SELECT array_agg(s->>'facilityNo' ORDER BY (s->>'sheetNo')::int)
                            FROM jsonb_array_elements(r.case_sheets) s), '{}') AS sheets
           FROM dossiers d JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
          ORDER BY d.cert_no`,
      )
    ).rows;
    admin = await loginAs(app, 'admin1', 'admin');
    office = await loginAs(app, 'jimu1', 'secretariat');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  describe('accounts', () => {
    it('an admin creates, edits, resets and unlocks accounts, each change audited', async () => {
      const { id, agent } = await createReviewer('iin-a', { workplaceName: '東都病院' });
      const list = await admin.get('/api/users').query({ filter: JSON.stringify({ q: '東都' }) });
      expect(list.body.map((u: { login: string }) => u.login)).toEqual(['iin-a']);
      expect(list.headers['content-range']).toBe('users 0-0/1');

      // A reset ends the sessions, gives a new one-time password and lifts a lock.
      await sql.query(
        `UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1`,
        [id],
      );
      const reset = await admin.post(`/api/users/${id}/password-reset`).expect(200);
      expect(reset.body).toMatchObject({ mustChangePassword: true, lockedUntil: null });
      await agent.get('/api/auth/me').expect(401);
      await request(app.baseUrl)
        .post('/api/auth/login')
        .send({ login: 'iin-a', password: TEST_PASSWORD })
        .expect(401);
      const again = await firstLogin('iin-a', reset.body.temporaryPassword);

      // Deactivation ends the sessions at once.
      const updated = await admin
        .put(`/api/users/${id}`)
        .send({ id, login: 'ignored', active: false, workplaceFacilityNo: ' 27019 ' })
        .expect(200);
      expect(updated.body).toMatchObject({
        login: 'iin-a',
        active: false,
        workplaceFacilityNo: '27019',
      });
      await again.get('/api/auth/me').expect(401);
      const { rows } = await sql.query(
        `SELECT actor, action, before, after FROM audit_events WHERE entity = 'user' AND entity_id = 'iin-a' ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual([
        'user.created',
        'auth.login',
        'auth.password-changed',
        'user.password-reset',
        'auth.login-failed',
        'auth.login',
        'auth.password-changed',
        'user.updated',
      ]);
      expect(rows.at(-1)).toMatchObject({
        actor: 'admin1',
        before: { active: true, workplaceFacilityNo: null },
        after: { active: false, workplaceFacilityNo: '27019', sessionsEnded: 1 },
      });
      await admin.put(`/api/users/${id}`).send({ active: true }).expect(200);
    });

    it('no admin removes their own admin rights; others may not manage accounts', async () => {
      const me = (await admin.get('/api/auth/me')).body;
      const self = await admin.put(`/api/users/${me.id}`).send({ role: 'secretariat' }).expect(403);
      expect(self.body.message).toMatch(/自分自身のアカウント/);
      const other = await admin
        .post('/api/users')
        .send({ login: 'admin2', role: 'admin', password: 'another-long-password' })
        .expect(201);
      const otherAgent = request.agent(app.baseUrl);
      await otherAgent
        .post('/api/auth/login')
        .send({ login: 'admin2', password: 'another-long-password' })
        .expect(200);
      await otherAgent
        .post('/api/auth/password')
        .send({ currentPassword: 'another-long-password', newPassword: TEST_PASSWORD })
        .expect(200);
      // admin2 demotes admin1: allowed while admin2 remains; then admin1 cannot be the one
      // to demote admin2 (no longer an admin), and admin2 cannot demote itself.
      await otherAgent.put(`/api/users/${me.id}`).send({ role: 'secretariat' }).expect(200);
      await admin.get('/api/auth/me').expect(401);
      const last = await otherAgent
        .put(`/api/users/${other.body.id}`)
        .send({ active: false })
        .expect(403);
      expect(last.body.message).toMatch(/自分自身/);
      await otherAgent.put(`/api/users/${me.id}`).send({ role: 'admin' }).expect(200);
      admin = await (async () => {
        const agent = request.agent(app.baseUrl);
        await agent
          .post('/api/auth/login')
          .send({ login: 'admin1', password: TEST_PASSWORD })
          .expect(200);
        return agent;
      })();
      await office.get('/api/users').expect(403);

      const dup = await admin
        .post('/api/users')
        .send({ login: 'admin2', role: 'admin' })
        .expect(409);
      expect(dup.body.message).toMatch(/既に使われています/);
      const bad = await admin.post('/api/users').send({ login: 'x', role: 'chair' }).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/役割は/);
    });
  });

  describe('assignment', () => {
    let reviewer: { id: number; agent: request.Agent };
    let conflicted: Places;
    let sheetOnly: Places;
    let free: Places[];

    beforeAll(async () => {
      conflicted = dossiers[0];
      const facility = conflicted.workplace!;
      // A dossier whose second case sheet, not its workplace, is at the reviewer's facility.
      const other = dossiers.find(
        (d) => d.sheets.length > 1 && d.sheets[1] && d.sheets[1] !== d.workplace,
      );
      expect(other).toBeDefined();
      sheetOnly = other!;
      reviewer = await createReviewer('iin-b', { workplaceFacilityNo: facility });
      await admin
        .put(`/api/users/${reviewer.id}`)
        .send({ workplaceFacilityNo: facility, workplaceName: '' })
        .expect(200);
      free = dossiers.filter(
        (d) =>
          d !== sheetOnly &&
          d.workplace !== facility &&
          !d.sheets.includes(facility) &&
          !d.sheets.includes(sheetOnly.sheets[1]),
      );
      expect(free.length).toBeGreaterThan(5);
    });

    it('assigns in bulk, keeping back conflicts of interest and saying why', async () => {
      const result = await office
        .post('/api/assignments')
        .send({
          roundId: '2021',
          reviewerId: reviewer.id,
          certNos: [conflicted.certNo, free[0].certNo, free[1].certNo, '999999'],
        })
        .expect(200);
      expect(result.body).toMatchObject({ assigned: 2, conflicts: 1, notFound: 1, overridden: 0 });
      const item = result.body.items.find(
        (i: { certNo: string }) => i.certNo === conflicted.certNo,
      );
      expect(item.outcome).toBe('conflict');
      expect(item.conflicts[0]).toMatchObject({
        kind: 'workplace',
        facilityNo: conflicted.workplace,
      });
      expect(item.conflicts[0].message).toMatch(/申請者の勤務先.*審査委員の勤務先と同じです/);

      // The same again: nothing twice.
      const again = await office
        .post('/api/assignments')
        .send({ roundId: '2021', reviewerId: reviewer.id, certNos: [free[0].certNo] })
        .expect(200);
      expect(again.body).toMatchObject({ assigned: 0, alreadyAssigned: 1 });
    });

    it('finds a case sheet facility too, by number or by name', async () => {
      const other = await createReviewer('iin-c', { workplaceFacilityNo: sheetOnly.sheets[1] });
      const result = await office
        .post('/api/assignments')
        .send({ roundId: '2021', reviewerId: other.id, certNos: [sheetOnly.certNo] })
        .expect(200);
      expect(result.body.items[0]).toMatchObject({
        outcome: 'conflict',
        conflicts: [expect.objectContaining({ kind: 'case-sheet', ref: 'sheet:2' })],
      });
      const { rows } = await sql.query(
        `SELECT name FROM facilities WHERE round_id = '2021' AND facility_no = $1`,
        [sheetOnly.sheets[1]],
      );
      const byName = await createReviewer('iin-d', { workplaceName: ` ${rows[0].name} ` });
      const named = await office
        .post('/api/assignments')
        .send({ roundId: '2021', reviewerId: byName.id, certNos: [sheetOnly.certNo] })
        .expect(200);
      expect(named.body.items[0].outcome).toBe('conflict');
    });

    it('only an admin overrides a conflict, and only with a reason', async () => {
      const body = {
        roundId: '2021',
        reviewerId: reviewer.id,
        certNos: [conflicted.certNo],
        overrideReason: '他に該当領域の委員がいないため(委員長承認)',
      };
      const refused = await office.post('/api/assignments').send(body).expect(403);
      expect(refused.body.message).toMatch(/管理者だけ/);
      const done = await admin.post('/api/assignments').send(body).expect(200);
      expect(done.body).toMatchObject({ overridden: 1 });
      const { rows } = await sql.query(
        `SELECT override_reason, conflicts FROM assignments a JOIN dossiers d ON d.id = a.dossier_id
          WHERE d.cert_no = $1`,
        [conflicted.certNo],
      );
      expect(rows).toEqual([
        {
          override_reason: body.overrideReason,
          conflicts: expect.arrayContaining([expect.objectContaining({ kind: 'workplace' })]),
        },
      ]);
      // The database refuses an overridden conflict without its reason.
      await expect(
        sql.query(
          `INSERT INTO assignments (dossier_id, reviewer_id, assigned_by, conflicts)
           VALUES ($1, $2, 'x', '[{"kind":"workplace"}]')`,
          [free[5].id, reviewer.id],
        ),
      ).rejects.toThrow(/check constraint/);
    });

    it('a reviewer with no workplace on record is a conflict to resolve', async () => {
      const blank = await createReviewer('iin-e', {});
      const result = await office
        .post('/api/assignments')
        .send({ roundId: '2021', reviewerId: blank.id, certNos: [free[2].certNo] })
        .expect(200);
      expect(result.body.items[0].conflicts[0]).toMatchObject({ kind: 'unknown-workplace' });
      const adminId = (await admin.get('/api/auth/me')).body.id;
      const notReviewer = await office
        .post('/api/assignments')
        .send({ roundId: '2021', reviewerId: adminId, certNos: [free[2].certNo] })
        .expect(400);
      expect(notReviewer.body.message).toMatch(/審査委員のアカウントではありません/);
    });

    it('a sheet with any wrong line assigns nothing and names every line at fault', async () => {
      const before = await assignmentCount();
      const sheet = [
        '認定番号,審査委員',
        `${free[3].certNo},iin-b`,
        `${free[4].certNo},nobody`,
        `12x,iin-b`,
        `000001,iin-b`,
      ].join('\r\n');
      const response = await office
        .post('/api/assignments/csv')
        .field('roundId', '2021')
        .attach('file', Buffer.from(sheet), 'wariate.csv')
        .expect(400);
      expect(response.body.message).toMatch(
        /wariate.csv に問題が 3 件あるため、割り当ては 1 件も行っていません/,
      );
      expect(
        response.body.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
      ).toEqual([
        [3, '審査委員'],
        [4, '認定番号'],
        [5, '認定番号'],
      ]);
      expect(response.body.problems[0].message).toBe(
        'wariate.csv 3 行目 審査委員: 審査委員「nobody」のアカウントがありません。ログイン名を確かめてください',
      );
      expect(await assignmentCount()).toBe(before);
    });

    it('a CP932 sheet assigns its lines and reports the conflicts by line', async () => {
      const sheet = [
        '認定番号,審査委員',
        `${free[3].certNo},iin-b`,
        `${free[4].certNo},iin-b`,
        `${sheetOnly.certNo},iin-c`,
      ].join('\r\n');
      const response = await office
        .post('/api/assignments/csv')
        .field('roundId', '2021')
        .attach('file', iconv.encode(sheet, 'cp932'), '割り当て.csv')
        .expect(200);
      expect(response.body).toMatchObject({ assigned: 2, conflicts: 1 });
      expect(
        response.body.items.find((i: { outcome: string }) => i.outcome === 'conflict'),
      ).toMatchObject({
        line: 4,
        certNo: sheetOnly.certNo,
      });
      const overrideBySecretariat = await office
        .post('/api/assignments/csv')
        .field('roundId', '2021')
        .attach(
          'file',
          Buffer.from(`認定番号,審査委員,上書き理由\r\n${sheetOnly.certNo},iin-c,急ぎ\r\n`),
          'o.csv',
        )
        .expect(400);
      expect(overrideBySecretariat.body.problems[0].message).toMatch(
        /o.csv 2 行目 上書き理由: .*管理者だけ/,
      );
    });

    it('a reviewer sees only the dossiers assigned to them; each opening is logged', async () => {
      const assignedToB = [conflicted, free[0], free[1], free[3], free[4]]
        .map((d) => d.certNo)
        .sort();
      const list = await reviewer.agent.get('/api/dossiers').query({ range: '[0,99]' }).expect(200);
      expect(list.body.map((d: { certNo: string }) => d.certNo).sort()).toEqual(assignedToB);
      expect(list.headers['content-range']).toBe(`dossiers 0-4/5`);
      // Asking for another reviewer's list changes nothing.
      const sneaky = await reviewer.agent
        .get('/api/dossiers')
        .query({ filter: JSON.stringify({ unassigned: true }) })
        .expect(200);
      expect(sneaky.body).toEqual([]);
      const all = await office.get('/api/dossiers').query({ range: '[0,99]' }).expect(200);
      expect(all.headers['content-range']).toBe(`dossiers 0-39/40`);

      const refused = await reviewer.agent.get(`/api/dossiers/${free[5].id}`).expect(403);
      expect(refused.body.message).toMatch(/あなたの担当ではない/);
      const opened = await reviewer.agent.get(`/api/dossiers/${free[0].id}`).expect(200);
      expect(opened.body.cases.length).toBeGreaterThan(0);
      expect(opened.body.reviewers.map((r: { login: string }) => r.login)).toEqual(['iin-b']);

      const history = await office.get(`/api/dossiers/${free[0].id}/audit-events`).expect(200);
      expect(
        history.body.map((e: { action: string; actor: string }) => [e.action, e.actor]),
      ).toEqual([
        ['dossier.viewed', 'iin-b'],
        ['assignment.created', 'jimu1'],
      ]);
      // A reviewer reads the history of their own dossiers only.
      const own = await reviewer.agent.get(`/api/dossiers/${free[0].id}/audit-events`).expect(200);
      expect(own.body).toHaveLength(2);
      await reviewer.agent.get(`/api/dossiers/${free[5].id}/audit-events`).expect(403);
      const refusedLog = await sql.query(
        `SELECT actor FROM audit_events WHERE action = 'dossier.view-refused' AND cert_no = $1`,
        [free[5].certNo],
      );
      expect(refusedLog.rows).toEqual([{ actor: 'iin-b' }]);
    });

    it('taking a dossier back removes it from the reviewer at once, audited', async () => {
      const found = await office
        .get('/api/assignments')
        .query({ filter: JSON.stringify({ certNo: free[1].certNo }) })
        .expect(200);
      expect(found.body).toHaveLength(1);
      expect(found.body[0]).toMatchObject({ reviewerLogin: 'iin-b', assignedBy: 'jimu1' });
      await office.delete(`/api/assignments/${found.body[0].id}`).expect(200);
      await office.delete(`/api/assignments/${found.body[0].id}`).expect(404);
      await reviewer.agent.get(`/api/dossiers/${free[1].id}`).expect(403);
      const { rows } = await sql.query(
        `SELECT actor, before FROM audit_events WHERE action = 'assignment.removed' AND cert_no = $1`,
        [free[1].certNo],
      );
      expect(rows).toEqual([
        { actor: 'jimu1', before: expect.objectContaining({ reviewer: 'iin-b' }) },
      ]);
      const reviewers = await office
        .get('/api/reviewers')
        .query({ filter: JSON.stringify({ roundId: '2021' }) })
        .expect(200);
      expect(reviewers.body.find((r: { login: string }) => r.login === 'iin-b')).toMatchObject({
        assigned: 4,
      });
    });
  });
});
