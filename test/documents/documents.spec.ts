import pg from 'pg';
import request from 'supertest';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import { csvRows, generateBundle } from '../support/bundles.js';
import { scanBundleEnvelopes } from '../support/scan-pages/bundle-envelopes.js';
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
  /** Dossiers whose envelopes are realistic scans (a scanner's PDF), read by the reader. */
  let scanned: { id: string; certNo: string }[];

  const outcome = async (rule: string, ref: string | null = null) =>
    (await app.app.get(ApplicationsReportService).listForRound('2021'))
      .find((a) => a.certNo === dossier.certNo)!
      .checks.find((c) => c.rule === rule && c.ref === ref);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const bundle = generateBundle({ applicants: 3, seed: 31, defects: 0, scans: true });
    const certNos = csvRows(bundle, 'applicants.csv')
      .map((r) => r[0])
      .sort();
    await scanBundleEnvelopes(bundle, [
      { certNo: certNos[1], effect: 'clean' },
      { certNo: certNos[2], effect: 'grey', defects: ['attendance-poster'] },
    ]);
    const imported = await importChecked(app, bundle);
    [dossier, ...scanned] = imported;
    office = await loginAs(app, 'jimu', 'secretariat');
    admin = await loginAs(app, 'chair', 'admin');
    reviewer = await loginAs(app, 'iin', 'reviewer');
  }, 180000); // drawing realistic scans takes a while on a loaded machine

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

  /** The checklist once the dossier's envelopes were read and the checks ran on their pages. */
  const readChecklist = (id: string) =>
    eventually(
      async () => {
        const list = (await office.get(`/api/dossiers/${id}/documents`).expect(200)).body;
        return list.every((i: { proposal: unknown }) => i.proposal) ? list : null;
      },
      120000,
      'the reading of the scans',
    );

  it('reads the scanned pages: every document gets a proposal, for a person to confirm', async () => {
    const list = await readChecklist(scanned[0].id);
    const cover = list.find((i: { rule: string }) => i.rule === 'doc.cover');
    const seal = list.find((i: { rule: string; ref: string }) => i.ref === 'sheet:1');
    const elearning = list.find((i: { rule: string }) => i.rule === 'doc.elearning');
    for (const item of [cover, seal, elearning]) {
      expect(item.proposal).toMatchObject({
        finding: 'found',
        page: expect.stringMatching(/^R2021-\d{6}-\d+$/),
        evidence: expect.any(String),
      });
      expect(item.proposal.confidence).toBeGreaterThanOrEqual(0.8);
      expect(item.proposal.boxes.length).toBeGreaterThan(0);
      expect(item.outcome).toBe('pending'); // a proposal decides nothing
      expect(item.mark).toBeNull();
    }
    // The dossier page lists every page read, with its display rendition.
    const page = (await office.get(`/api/dossiers/${scanned[0].id}`).expect(200)).body;
    const pages = page.mail.flatMap((m: { pages: unknown[] }) => m.pages);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages[0]).toMatchObject({ pageNo: 1, unreadReason: null });
    // Pages are classified by what they show (a covering letter may come first).
    const coverPage = pages.find((p: { kind: string }) => p.kind === 'cover');
    expect(cover.proposal.page).toBe(coverPage.ref);
    const shown = await office
      .get(`/api/dossiers/${scanned[0].id}/scans/${coverPage.displaySha256}`)
      .buffer(true)
      .expect(200);
    expect(shown.headers['content-type']).toBe('image/png');
  }, 240_000); // reading an envelope takes a few seconds a page

  it('confirms an envelope’s proposals together above the secretariat’s threshold; a person’s mark wins', async () => {
    const list = await readChecklist(scanned[1].id);
    const receiptNo = list
      .find((i: { rule: string }) => i.rule === 'doc.cover')
      .proposal.page.replace(/-\d+$/, '');
    // A person marked the cover first: confirming together leaves it as it is.
    await office
      .put(`/api/dossiers/${scanned[1].id}/documents`)
      .send({ rule: 'doc.cover', ref: null, status: 'missing', note: '表紙がない', expected: null })
      .expect(200);
    await office
      .put('/api/settings/reading')
      .send({ confirmThreshold: 0.3 })
      .expect(400)
      .expect((res) =>
        expect(res.body.errors.confirmThreshold).toBe(
          'まとめて確定する確からしさは 0.5 から 1 の数で指定してください(例: 0.95)',
        ),
      );
    const settings = await office
      .put('/api/settings/reading')
      .send({ confirmThreshold: 0.9 })
      .expect(200);
    expect(settings.body).toMatchObject({ confirmThreshold: 0.9, updatedBy: 'jimu' });
    await eventually(
      async () =>
        (
          await office
            .get(`/api/dossiers/${scanned[1].id}/documents/confirmation`)
            .query({ receiptNo })
        ).status === 200,
    );
    const plan = (
      await office
        .get(`/api/dossiers/${scanned[1].id}/documents/confirmation`)
        .query({ receiptNo })
        .expect(200)
    ).body;
    expect(plan.threshold).toBe(0.9);
    expect(plan.alreadyMarked).toEqual([{ rule: 'doc.cover', ref: null }]);
    expect(plan.confirm.length).toBeGreaterThan(3);
    // The poster programme is no proof: its proposal is confirmed as insufficient.
    const poster = plan.confirm.find((c: { status: string }) => c.status === 'insufficient');
    expect(poster).toMatchObject({ rule: 'doc.attendance' });

    const done = await eventually(async () => {
      const res = await office
        .post(`/api/dossiers/${scanned[1].id}/documents/confirmation`)
        .send({ receiptNo });
      return res.status === 200 ? res.body : null; // 409 while the checks catch up
    });
    expect(done.confirm).toEqual(plan.confirm);
    const { rows } = await sql.query(
      `SELECT rule, ref, status, note, checked_by FROM document_checks WHERE dossier_id = $1`,
      [scanned[1].id],
    );
    expect(rows.find((r) => r.rule === 'doc.cover')).toMatchObject({
      status: 'missing',
      note: '表紙がない',
    });
    expect(rows).toHaveLength(plan.confirm.length + 1);
    expect(
      rows.find((r) => r.status === 'insufficient' && r.rule === 'doc.attendance').note,
    ).toMatch(/^読み取りの提案を確定: /);
    const [audit] = (
      await sql.query(
        `SELECT actor, after FROM audit_events WHERE action = 'document.proposals-confirmed'`,
      )
    ).rows;
    expect(audit).toMatchObject({ actor: 'jimu', after: { receiptNo, threshold: 0.9 } });
    // Confirming again changes nothing: everything is marked now.
    const again = (
      await office
        .get(`/api/dossiers/${scanned[1].id}/documents/confirmation`)
        .query({ receiptNo })
        .expect(200)
    ).body;
    expect(again.confirm).toEqual([]);
    await office
      .get(`/api/dossiers/${scanned[1].id}/documents/confirmation`)
      .query({ receiptNo: 'R2021-999999' })
      .expect(404);
  }, 240_000); // reading an envelope takes a few seconds a page

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
      `SELECT actor, after FROM audit_events
        WHERE action = 'document.checked' AND entity_id = $1 ORDER BY id`,
      [dossier.id],
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
      '他の人が先に「表紙(署名・押印)」を「確認済み」にしました(jimu)。最新の内容を表示したので、確かめてからもう一度操作してください',
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
    // The other is the dossier whose cover a person marked missing above.
    expect(issued.body.issued).toBe(2);
    const notice = issued.body.notices.find((n: { certNo: string }) => n.certNo === dossier.certNo);
    expect(notice).toMatchObject({
      certNo: dossier.certNo,
      resubmitBy: '2099-01-31',
      issuedBy: 'jimu',
    });
    expect(notice.items.map((i: { message: string }) => i.message)).toEqual([
      '表紙(日付・署名・押印)がありません(署名なし)',
      '参加証明(1)が不十分です(領収書のみで参加証ではない)',
    ]);
    // Nothing changed since: nobody is told twice.
    const again = await office
      .post('/api/deficiency-notices')
      .send({ roundId: '2021', resubmitBy: '2099-01-31' })
      .expect(201);
    expect(again.body).toMatchObject({ issued: 0, unchanged: 2 });

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
    const line = text.split('\r\n').find((l) => l.split(',')[1] === dossier.certNo)!;
    const cells = line.split(',');
    expect(cells[1]).toBe(dossier.certNo);
    expect(cells[4]).toMatch(/^\d{3}-\d{4}$/);
    expect(cells[7]).toContain('@');
    const list = await office
      .get('/api/deficiency-notices')
      .query({ filter: JSON.stringify({ roundId: '2021' }) })
      .expect(200);
    expect(list.headers['content-range']).toBe('deficiency-notices 0-1/2');
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
    expect(wrong.body.message).toBe('この申請の書類に「病院長公印(症例一覧表(9))」はありません');
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
