import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { generateBundle } from '../support/bundles.js';
import {
  binary,
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const pdfPages = (bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'shinsa-pdf-')), 'file.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((page) => page.trim());
};

/** Decision → fee → certificate numbers → queued exports → mailings sent, returned, re-listed. */
describe('certificates, mailings and queued exports', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let office: request.Agent;
  let dossiers: { id: string; certNo: string }[];

  /** Asks for an export and waits for the worker to finish it. */
  const exported = async (body: Record<string, unknown>) => {
    const queued = await office.post('/api/rounds/2021/exports').send(body).expect(202);
    expect(queued.body.status).toBe('queued');
    return eventually(
      async () => {
        const row = (await office.get(`/api/exports/${queued.body.id}`).expect(200)).body;
        if (row.status === 'failed') throw new Error(row.error);
        return row.status === 'done' && row;
      },
      20000,
      'the export',
    );
  };
  const download = async (id: string, part = 0) =>
    (await office.get(`/api/exports/${id}/files/${part}`).buffer(true).parse(binary).expect(200))
      .body as Buffer;
  const summary = async () => (await office.get('/api/rounds/2021/mailing-lists').expect(200)).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    dossiers = await importChecked(app, generateBundle({ applicants: 8, seed: 83, defects: 0 }));
    const admin = await loginAs(app, 'chair', 'admin');
    office = await loginAs(app, 'jimu', 'secretariat');
    const decide = (id: string, decision: string, reasonCodes: string[]) =>
      office
        .post(`/api/dossiers/${id}/decisions`)
        .send({ decision, reasonCodes, reason: '委員会で確認', expectedCurrentId: null })
        .expect(201);
    for (const d of dossiers.slice(0, 4)) await decide(d.id, '合格', ['P01']);
    await decide(dossiers[4].id, '不合格', ['F01', 'X99']);
    await admin.post('/api/decisions/release').send({ roundId: '2021' }).expect(200);
    // Three of the four paid the certification fee, in 認定番号 order 2, 0, 1.
    for (const [k, i] of [2, 0, 1].entries()) {
      await sql.query(
        `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
         VALUES ('2021', $1, $2, '更新認定料', 22000, 110, '2022-03-20T10:00:00+09:00', 'カード', '入金済')`,
        [`CERT-${k}`, dossiers[i].certNo],
      );
    }
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('numbers the certificates once, in 認定番号 order, in a queued export read back', async () => {
    const done = await exported({ list: 'certificates', format: 'xlsx' });
    expect(done).toMatchObject({
      rows: 3,
      dossiersDone: 8,
      dossiersTotal: 8,
      files: ['certificates-2021.xlsx'],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await download(done.id)).buffer);
    const rows = book.getWorksheet('一覧')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[1], r[7], r[9]])).toEqual([
      [dossiers[0].certNo, '2022-00001', '2027-03-31'],
      [dossiers[1].certNo, '2022-00002', '2027-03-31'],
      [dossiers[2].certNo, '2022-00003', '2027-03-31'],
    ]);
    // The fourth pays later: the next number; the first three keep theirs.
    await sql.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       VALUES ('2021', 'CERT-3', $1, '更新認定料', 22000, 110, '2022-04-10T10:00:00+09:00', 'カード', '入金済')`,
      [dossiers[3].certNo],
    );
    const again = await exported({ list: 'pin-badges', format: 'csv' });
    expect(again.status).toBe('done');
    const numbers = await sql.query(
      `SELECT cert_no, certificate_no, renewal_date::text, valid_until::text, issued_by FROM certificates ORDER BY certificate_no`,
    );
    expect(numbers.rows.map((r) => [r.cert_no, r.certificate_no])).toEqual([
      [dossiers[0].certNo, '2022-00001'],
      [dossiers[1].certNo, '2022-00002'],
      [dossiers[2].certNo, '2022-00003'],
      [dossiers[3].certNo, '2022-00004'],
    ]);
    expect(numbers.rows[0]).toMatchObject({
      renewal_date: '2022-04-01',
      valid_until: '2027-03-31',
      issued_by: 'jimu',
    });
    const list = await office
      .get('/api/exports')
      .query({ filter: JSON.stringify({ roundId: '2021' }) })
      .expect(200);
    expect(list.headers['content-range']).toBe('exports 0-1/2');
    expect(list.body[0].list).toBe('pin-badges');
  });

  it('writes the result letters as one PDF for printing, and one applicant’s alone', async () => {
    const done = await exported({ list: 'result-letters', format: 'pdf' });
    expect(done.rows).toBe(5);
    const pages = pdfPages(await download(done.id));
    expect(pages).toHaveLength(5);
    expect(pages.filter((p) => p.includes('審査結果:合格'))).toHaveLength(4);
    const failed = pages.find((p) => p.includes(`認定番号 ${dossiers[4].certNo}`))!;
    expect(failed).toContain('審査結果:不合格');
    expect(failed).toContain('症例数の不足');
    expect(failed).not.toContain('委員会で確認');
    const one = await office
      .get(`/api/dossiers/${dossiers[1].id}/result-letter.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    expect(pdfPages(one.body)[0]).toContain(`認定番号 ${dossiers[1].certNo}`);
    const undecided = await office
      .get(`/api/dossiers/${dossiers[6].id}/result-letter.pdf`)
      .expect(404);
    expect(undecided.body.message).toContain('公開された合格・不合格の判定がない');
  });

  it('dates queued letters as chosen, from the round’s sender, and writes labels', async () => {
    await sql.query(`UPDATE rounds SET sender = $1 WHERE id = '2021'`, [
      JSON.stringify({
        organisation: '日本がん治療認定医機構 事務局',
        postalCode: '113-0033',
        address: '東京都文京区本郷1-1-1',
        telephone: '03-1234-5678',
      }),
    ]);
    const done = await exported({
      list: 'result-letters',
      format: 'pdf',
      letterDate: '2022-04-20',
    });
    expect(done).toMatchObject({ letterDate: '2022-04-20', layout: 'list', rows: 5 });
    const pages = pdfPages(await download(done.id));
    for (const page of pages) {
      expect(page).toContain('2022年4月20日');
      expect(page).toContain('TEL 03-1234-5678');
      expect(page).toContain('〒113-0033 東京都文京区本郷1-1-1');
      expect(page).toMatch(/^\s+記\s*$/m);
      expect(page).toMatch(/以上\s*$/m);
    }
    // All four 合格 have paid by now: none is asked to pay again.
    const passed = pages.filter((p) => p.includes('審査結果:合格'));
    expect(passed).toHaveLength(4);
    for (const page of passed) {
      expect(page).not.toContain('お支払いください');
      expect(page).toContain('更新認定料の納付を確認いたしました');
    }

    const sheet = await exported({ list: 'results', format: 'pdf', layout: 'labels' });
    expect(sheet).toMatchObject({ files: ['results-labels-2021.pdf'], rows: 5 });
    expect(pdfPages(await download(sheet.id))[0].match(/様/g)).toHaveLength(5);
    const csv = await exported({
      list: 'certificates',
      format: 'csv',
      layout: 'labels',
      encoding: 'cp932',
    });
    expect(csv.files).toEqual(['certificates-labels-2021.csv']);
    const text = iconv.decode(await download(csv.id), 'cp932');
    expect(text.split('\r\n')[0]).toBe(
      '認定番号,郵便番号,住所1,住所2,住所3,組織名,部署名,姓,名,敬称,宛先要確認',
    );
    await office
      .post('/api/rounds/2021/exports')
      .send({ list: 'results', format: 'xlsx', layout: 'labels' })
      .expect(400);
  });

  it('refuses an export it cannot write, naming the field', async () => {
    const wrong = await office
      .post('/api/rounds/2021/exports')
      .send({ list: 'fee-requests', format: 'csv', pendingOnly: true })
      .expect(400);
    expect(wrong.body.errors.pendingOnly).toBeDefined();
    await office
      .post('/api/rounds/2021/exports')
      .send({ list: 'results', format: 'pdf' })
      .expect(400);
    await office.get('/api/exports/00000000-0000-0000-0000-000000000000').expect(404);
  });

  it('records mailings, marks a return and lists it again after an address change', async () => {
    // A name not on the list refuses the whole request: nothing is recorded.
    const refused = await office
      .post('/api/rounds/2021/dispatches')
      .send({
        list: 'results',
        sentOn: '2022-04-05',
        certNos: [dossiers[0].certNo, dossiers[6].certNo],
      })
      .expect(400);
    expect(refused.body.message).toContain(dossiers[6].certNo);
    await office
      .post('/api/rounds/2021/dispatches')
      .send({ list: 'results', sentOn: '2999-01-01' })
      .expect(400);
    const sent = await office
      .post('/api/rounds/2021/dispatches')
      .send({
        list: 'results',
        sentOn: '2022-04-05',
        trackingNos: { [dossiers[0].certNo]: '1234-5678-9012' },
      })
      .expect(200);
    expect(sent.body).toEqual({ recorded: 5, skipped: [] });
    const repeat = await office
      .post('/api/rounds/2021/dispatches')
      .send({ list: 'results', sentOn: '2022-04-06', certNos: [dossiers[0].certNo] })
      .expect(200);
    expect(repeat.body).toEqual({
      recorded: 0,
      skipped: [{ certNo: dossiers[0].certNo, reason: '発送済みです' }],
    });
    let state = await summary();
    expect(state.lists.find((l: { list: string }) => l.list === 'results')).toMatchObject({
      rows: 5,
      pending: 0,
    });

    const mailings = await office
      .get('/api/dispatches')
      .query({ filter: JSON.stringify({ roundId: '2021', certNo: dossiers[0].certNo }) })
      .expect(200);
    expect(mailings.body).toHaveLength(1);
    const first = mailings.body[0];
    expect(first).toMatchObject({
      kind: 'results',
      sentOn: '2022-04-05',
      trackingNo: '1234-5678-9012',
    });

    // Returned: a reason is needed, and it cannot come back before it left.
    const noReason = await office
      .put(`/api/dispatches/${first.id}`)
      .send({ returnedOn: '2022-04-12' })
      .expect(400);
    expect(noReason.body.errors.returnReason).toBeDefined();
    await office
      .put(`/api/dispatches/${first.id}`)
      .send({ returnedOn: '2022-04-01', returnReason: '宛所不明' })
      .expect(400);
    const returned = await office
      .put(`/api/dispatches/${first.id}`)
      .send({ returnedOn: '2022-04-12', returnReason: '宛所に尋ねあたりません' })
      .expect(200);
    expect(returned.body).toMatchObject({ returnedOn: '2022-04-12', returnedBy: 'jimu' });
    state = await summary();
    expect(state.dispatches.find((d: { kind: string }) => d.kind === 'results')).toEqual({
      kind: 'results',
      sent: 4,
      returned: 1,
      relisted: 0,
    });
    // Not listed again until another address is known.
    expect(state.lists.find((l: { list: string }) => l.list === 'results').pending).toBe(0);

    await sql.query(
      `INSERT INTO address_changes (round_id, receipt_no, cert_no, received_at, recipient_name, postal_code, prefecture, address)
       VALUES ('2021', 'CHG-1', $1, '2022-04-15T10:00:00+09:00', '京都病院 外科', '6008216', '京都府', '京都市下京区東塩小路町1')`,
      [dossiers[0].certNo],
    );
    state = await summary();
    expect(state.lists.find((l: { list: string }) => l.list === 'results').pending).toBe(1);
    const pending = await exported({ list: 'results', format: 'csv', pendingOnly: true });
    const lines = (await download(pending.id)).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${dossiers[0].certNo},`);
    expect(lines[1]).toContain('600-8216,京都府,京都市下京区東塩小路町1,京都病院 外科,合格');
    // No late-changes file: the re-listed letter already goes to the newest address.
    expect(pending.files).toEqual(['results-2021.csv']);

    const resent = await office
      .post('/api/rounds/2021/dispatches')
      .send({ list: 'results', sentOn: '2022-04-20' })
      .expect(200);
    expect(resent.body.recorded).toBe(1);
    const history = await sql.query(
      `SELECT sent_on::text, prefecture, returned_on::text FROM dispatches WHERE cert_no = $1 ORDER BY id`,
      [dossiers[0].certNo],
    );
    expect(history.rows).toEqual([
      { sent_on: '2022-04-05', prefecture: expect.any(String), returned_on: '2022-04-12' },
      { sent_on: '2022-04-20', prefecture: '京都府', returned_on: null },
    ]);
    const audited = await sql.query(
      `SELECT action FROM audit_events WHERE action LIKE 'dispatch.%' ORDER BY id`,
    );
    expect(audited.rows.map((r) => r.action)).toEqual([
      'dispatch.recorded',
      'dispatch.returned',
      'dispatch.recorded',
    ]);
  });

  it('records the certificates sent, the pin badge with them, once when sent twice at once', async () => {
    // Two people record the same list at the same moment: each envelope is recorded once.
    const both = await Promise.all(
      [0, 1].map(() =>
        office
          .post('/api/rounds/2021/dispatches')
          .send({ list: 'pin-badges', sentOn: '2022-06-03' })
          .expect(200),
      ),
    );
    // Everyone due a certificate: the badge goes in the certificate's envelope.
    expect(both.map((r) => r.body.recorded).sort()).toEqual([0, 4]);
    const rows = await sql.query(
      `SELECT cert_no, count(*)::int AS n FROM dispatches WHERE kind = 'certificates' GROUP BY cert_no`,
    );
    expect(rows.rows).toHaveLength(4);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
    // Numbered by two exports and two recordings, each certificate was audited once.
    const numbered = await sql.query(
      `SELECT cert_no, entity_id, after->>'certificateNo' AS no FROM audit_events
        WHERE action = 'certificate.numbered' ORDER BY entity_id`,
    );
    expect(numbered.rows).toEqual(
      dossiers.slice(0, 4).map((d, i) => ({
        cert_no: d.certNo,
        entity_id: `2022-0000${i + 1}`,
        no: `2022-0000${i + 1}`,
      })),
    );
    const state = await summary();
    expect(state.lists.find((l: { list: string }) => l.list === 'certificates').pending).toBe(0);
    expect(state.lists.find((l: { list: string }) => l.list === 'pin-badges').pending).toBe(0);
    // The dossier page shows the certificate and its mailings.
    const page = (await office.get(`/api/dossiers/${dossiers[0].id}`).expect(200)).body;
    expect(page.certificate).toEqual({
      certificateNo: '2022-00001',
      renewalDate: '2022-04-01',
      validUntil: '2027-03-31',
    });
    expect(
      page.dispatches.map((d: { kind: string; sentOn: string }) => [d.kind, d.sentOn]),
    ).toEqual([
      ['results', '2022-04-05'],
      ['results', '2022-04-20'],
      ['certificates', '2022-06-03'],
    ]);
    const reviewer = await loginAs(app, 'iin', 'reviewer');
    await reviewer.get('/api/dispatches').expect(403);
    await reviewer
      .post('/api/rounds/2021/exports')
      .send({ list: 'results', format: 'csv' })
      .expect(403);
  });
});
