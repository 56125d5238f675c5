import pg from 'pg';
import request from 'supertest';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The secretariat verifies a dossier's paper documents; the checks follow. */
describe('document verification', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let office: request.Agent;
  let admin: request.Agent;
  let reviewer: request.Agent;
  let dossier: { id: string; certNo: string };

  const outcome = async (rule: string, ref: string | null = null) =>
    (await app.app.get(ApplicationsReportService).listForRound('2021'))
      .find((a) => a.certNo === dossier.certNo)!
      .checks.find((c) => c.rule === rule && c.ref === ref);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const imported = await importChecked(
      app,
      generateBundle({ applicants: 3, seed: 31, defects: 0, scans: true }),
    );
    [dossier] = imported;
    office = await loginAs(app, 'jimu', 'secretariat');
    admin = await loginAs(app, 'chair', 'admin');
    reviewer = await loginAs(app, 'iin', 'reviewer');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('lists the checklist derived from the dossier: cover, a seal per sheet, a proof per attendance', async () => {
    const list = (await office.get(`/api/dossiers/${dossier.id}/documents`).expect(200)).body;
    const items = list.map((i: { rule: string; ref: string | null }) => `${i.rule} ${i.ref ?? ''}`);
    expect(items).toContain('doc.cover ');
    expect(items).toContain('doc.seal sheet:1');
    expect(items).toContain('doc.elearning ');
    expect(items).toContain('doc.attendance attendance:1');
    expect(
      list.every(
        (i: { outcome: string; mark: unknown }) => i.outcome === 'pending' && i.mark === null,
      ),
    ).toBe(true);
  });

  it('reads the scanned pages: the seal detector proposes, for a person to confirm', async () => {
    await eventually(
      async () =>
        (
          await sql.query(
            `SELECT count(*)::int AS n FROM scan_analyses a JOIN envelopes e USING (round_id, receipt_no)
              WHERE e.cert_no = $1`,
            [dossier.certNo],
          )
        ).rows[0].n > 1,
      20000,
      'the seal detector',
    );
    const list = (await office.get(`/api/dossiers/${dossier.id}/documents`).expect(200)).body;
    const cover = list.find((i: { rule: string }) => i.rule === 'doc.cover');
    const seal = list.find((i: { rule: string; ref: string }) => i.ref === 'sheet:1');
    for (const item of [cover, seal]) {
      expect(item.detector).toMatchObject({ proposal: 'found', receiptNo: expect.any(String) });
      expect(item.detector.confidence).toBeGreaterThan(0.9);
      expect(item.outcome).toBe('pending'); // a proposal decides nothing
    }
    expect(list.find((i: { rule: string }) => i.rule === 'doc.elearning').detector).toBeNull();
  });

  it('a mark re-runs the checks: found passes, insufficient fails with the note', async () => {
    const found = await office
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.cover', ref: null, status: 'found', expected: null })
      .expect(200);
    expect(found.body).toMatchObject({
      rule: 'doc.cover',
      ref: null,
      status: 'found',
      checkedBy: 'jimu',
    });
    await eventually(async () => {
      expect((await outcome('doc.cover'))?.outcome).toBe('pass');
      return true;
    });

    const noNote = await office
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.attendance', ref: 'attendance:1', status: 'insufficient' })
      .expect(400);
    expect(noNote.body.errors.note).toBe(
      '不十分の内容を書いてください(申請者への不備通知に載ります)',
    );
    await office
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({
        rule: 'doc.attendance',
        ref: 'attendance:1',
        status: 'insufficient',
        note: '領収書のみで参加証ではない',
        expected: null,
      })
      .expect(200);
    await eventually(async () => {
      expect(await outcome('doc.attendance', 'attendance:1')).toMatchObject({
        outcome: 'fail',
        message: '参加証明(1)が不十分です(領収書のみで参加証ではない)',
      });
      return true;
    });
    const { rows } = await sql.query(
      `SELECT actor, after FROM audit_events WHERE action = 'document.checked' ORDER BY id`,
    );
    expect(rows.map((r) => [r.actor, r.after.rule, r.after.status])).toEqual([
      ['jimu', 'doc.cover', 'found'],
      ['jimu', 'doc.attendance', 'insufficient'],
    ]);
  });

  it('never overwrites another person’s mark silently', async () => {
    const late = await admin
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.cover', ref: null, status: 'missing', note: '署名なし', expected: null })
      .expect(409);
    expect(late.body.message).toBe(
      '他の人が先に「表紙」を「確認済み」にしました(jimu)。最新の内容を表示したので、確かめてからもう一度操作してください',
    );
    const current = (await admin.get(`/api/dossiers/${dossier.id}/documents`)).body.find(
      (i: { rule: string }) => i.rule === 'doc.cover',
    );
    await admin
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({
        rule: 'doc.cover',
        ref: null,
        status: 'missing',
        note: '署名なし',
        expected: current.mark.checkedAt,
      })
      .expect(200);
    await admin
      .delete(`/api/dossiers/${dossier.id}/documents`)
      .query({ rule: 'doc.cover', expected: current.mark.checkedAt })
      .expect(409);
  });

  it('issues deficiency notices once per content, exported for letters', async () => {
    await eventually(async () => {
      expect((await outcome('doc.cover'))?.outcome).toBe('fail');
      return true;
    });
    const past = await office
      .post('/api/deficiency-notices')
      .send({ roundId: '2021', resubmitBy: '2021-01-01' })
      .expect(400);
    expect(past.body.errors.resubmitBy).toBe('再提出の期限を今日以降の日付で入れてください');
    const issued = await office
      .post('/api/deficiency-notices')
      .send({ roundId: '2021', resubmitBy: '2099-01-31' })
      .expect(201);
    expect(issued.body.issued).toBe(1);
    expect(issued.body.notices[0]).toMatchObject({
      certNo: dossier.certNo,
      resubmitBy: '2099-01-31',
      issuedBy: 'jimu',
    });
    expect(issued.body.notices[0].items.map((i: { message: string }) => i.message)).toEqual([
      '表紙(日付・署名・押印)がありません(署名なし)',
      '参加証明(1)が不十分です(領収書のみで参加証ではない)',
    ]);
    // Nothing changed since: nobody is told twice.
    const again = await office
      .post('/api/deficiency-notices')
      .send({ roundId: '2021', resubmitBy: '2099-01-31' })
      .expect(201);
    expect(again.body).toMatchObject({ issued: 0, unchanged: 1 });

    const csv = await office
      .get('/api/deficiency-notices/export.csv')
      .query({ filter: JSON.stringify({ roundId: '2021' }) })
      .expect(200);
    const text = csv.text;
    expect(
      text.startsWith(
        '\uFEFF通知ID,認定番号,氏名,送付先名称,郵便番号,都道府県,住所,メールアドレス,再提出期限,不備の内容,発行日\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      `"・表紙(日付・署名・押印)がありません(署名なし)\n・参加証明(1)が不十分です(領収書のみで参加証ではない)"`,
    );
    expect(text).toContain(',2099-01-31,');
    const [line] = text.trim().split('\r\n').slice(1);
    const cells = line.split(',');
    expect(cells[1]).toBe(dossier.certNo);
    expect(cells[4]).toMatch(/^\d{3}-\d{4}$/);
    expect(cells[7]).toContain('@');
    const list = await office
      .get('/api/deficiency-notices')
      .query({ filter: JSON.stringify({ roundId: '2021' }) })
      .expect(200);
    expect(list.headers['content-range']).toBe('deficiency-notices 0-0/1');
    await reviewer.get('/api/deficiency-notices').expect(403);
  });

  it('serves the scanned pages of the dossier’s envelopes, and no others', async () => {
    const page = (await office.get(`/api/dossiers/${dossier.id}`).expect(200)).body;
    const scans = page.mail.flatMap(
      (m: { scans: { sha256: string; mediaType: string }[] }) => m.scans,
    );
    expect(scans.length).toBeGreaterThan(1);
    expect(scans[0].mediaType).toBe('image/png');
    const image = await office
      .get(`/api/dossiers/${dossier.id}/scans/${scans[0].sha256}`)
      .buffer(true)
      .expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('no-store');
    expect((image.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    // Another applicant's page is not served through this dossier.
    const [other] = (
      await sql.query(
        `SELECT s.sha256 FROM envelope_scans s JOIN envelopes e USING (round_id, receipt_no)
          WHERE e.cert_no <> $1 LIMIT 1`,
        [dossier.certNo],
      )
    ).rows;
    await office.get(`/api/dossiers/${dossier.id}/scans/${other.sha256}`).expect(404);
    await reviewer.get(`/api/dossiers/${dossier.id}/scans/${scans[0].sha256}`).expect(403);
  });

  it('refuses items the dossier does not have, and reviewers may only read', async () => {
    const wrong = await office
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.seal', ref: 'sheet:9', status: 'found' })
      .expect(400);
    expect(wrong.body.message).toBe('この申請の書類に「doc.seal sheet:9」はありません');
    await reviewer
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.cover', status: 'found' })
      .expect(403);
    await reviewer.get(`/api/dossiers/${dossier.id}/documents`).expect(403); // not assigned
  });

  it('a later envelope re-opens a deficiency', async () => {
    // Marked missing today; an envelope arriving tomorrow re-opens it.
    await office
      .put(`/api/dossiers/${dossier.id}/documents`)
      .send({ rule: 'doc.elearning', status: 'missing', note: '修了証が入っていない' })
      .expect(200);
    await eventually(async () => {
      expect((await outcome('doc.elearning'))?.outcome).toBe('fail');
      return true;
    });
    await sql.query(
      `INSERT INTO envelopes (round_id, receipt_no, arrived_on, mail_kind, tracking_no, cert_no, note)
       VALUES ('2021', 'R2021-900001', (now() AT TIME ZONE 'Asia/Tokyo')::date + 1, '普通郵便', '', $1, '')`,
      [dossier.certNo],
    );
    await sql.query(`UPDATE dossiers SET inputs_version = inputs_version + 1 WHERE id = $1`, [
      dossier.id,
    ]);
    const [target] = (
      await sql.query(
        `SELECT round_id AS "roundId", cert_no AS "certNo", inputs_version AS "inputsVersion"
                         FROM dossiers WHERE id = $1`,
        [dossier.id],
      )
    ).rows;
    await app.app.get(CheckQueueService).queue([target]);
    await eventually(async () => {
      expect(await outcome('doc.elearning')).toMatchObject({
        outcome: 'pending',
        message:
          'e-learning 修了証は不備でしたが、その後に郵便(R2021-900001)が届きました。もう一度確認してください',
      });
      return true;
    });
  });
});
