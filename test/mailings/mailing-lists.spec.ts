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

/** From import to decision to fee to the mailing lists, read back from the files. */
describe('mailing lists in the console', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;
  let office: request.Agent;
  let dossiers: { id: string; certNo: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    dossiers = await importChecked(app, generateBundle({ applicants: 6, seed: 61, defects: 0 }));
    admin = await loginAs(app, 'chair', 'admin');
    office = await loginAs(app, 'jimu', 'secretariat');
    const decide = (id: string, decision: string, reason: string) =>
      office
        .post(`/api/dossiers/${id}/decisions`)
        .send({ decision, reason, expectedCurrentId: null })
        .expect(201);
    await decide(dossiers[0].id, '合格', '書類は原本で確認');
    await decide(dossiers[1].id, '合格', '書類は原本で確認');
    await decide(dossiers[2].id, '不合格', '症例数の不足');
    await decide(dossiers[3].id, '保留', '照会中');
    await admin.post('/api/decisions/release').send({ roundId: '2021' }).expect(200);
    // The first one paid the certification fee; the second not yet.
    await sql.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       VALUES ('2021', 'CERT-1', $1, '更新認定料', 22000, 110, '2022-03-20T10:00:00+09:00', 'クレジットカード', '入金済')`,
      [dossiers[0].certNo],
    );
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('counts each list as rules.md says', async () => {
    const summary = await office.get('/api/rounds/2021/mailing-lists').expect(200);
    expect(
      Object.fromEntries(
        summary.body.lists.map((l: { list: string; rows: number }) => [l.list, l.rows]),
      ),
    ).toEqual({
      results: 3,
      certificates: 1,
      'pin-badges': expect.any(Number),
      'fee-requests': 1,
      'missing-items': 0,
    });
  });

  it('downloads a print-ready workbook and CSVs that read back', async () => {
    const xlsx = await office
      .get('/api/rounds/2021/mailing-lists/certificates.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-disposition']).toContain('certificates-2021.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    // It opens on the list; the summary follows.
    expect(book.worksheets.map((w) => w.name)).toEqual(['一覧', '集計']);
    expect(book.views[0].activeTab).toBe(0);
    const sheet = book.getWorksheet('一覧')!;
    expect(sheet.getCell('A2').value).toBe(dossiers[0].certNo);
    expect(sheet.getRow(2).height).toBeGreaterThanOrEqual(18);
    expect(sheet.rowCount).toBe(2);
    // The certificate got its number when first listed, with its dates.
    expect([1, 7, 8, 9].map((c) => sheet.getRow(1).getCell(c).value)).toEqual([
      '認定番号',
      '認定証番号',
      '更新認定日',
      '有効期限',
    ]);
    expect([7, 8, 9].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([
      '2022-00001',
      '2022-04-01',
      '2027-03-31',
    ]);
    expect(book.getWorksheet('集計')!.getCell('B3').value).toBe(1);
    // How many rows of the list carry a 宛先要確認.
    expect(book.getWorksheet('集計')!.getCell('A6').value).toBe('宛先要確認');
    expect(typeof book.getWorksheet('集計')!.getCell('B6').value).toBe('number');

    const csv = await office
      .get('/api/rounds/2021/mailing-lists/fee-requests.csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const lines = (csv.body as Buffer).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF認定番号,氏名,郵便番号,都道府県,住所,送付先名称,請求額(円),入金の状況,宛先要確認',
    );
    expect(lines[1]).toContain(`${dossiers[1].certNo},`);
    expect(lines[1]).toContain(',22110,更新認定料の入金はまだありません');

    await sql.query(`UPDATE dossiers SET family_name = '𠮷田' WHERE id = $1`, [dossiers[2].id]);
    const sjis = await office
      .get('/api/rounds/2021/mailing-lists/results.csv')
      .query({ encoding: 'cp932' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sjis.headers['x-unrepresentable-cells']).toBe('1');
    expect(iconv.decode(sjis.body as Buffer, 'cp932')).toContain('?田');
    const audited = await sql.query(
      `SELECT actor, after->>'list' AS list FROM audit_events WHERE action = 'list.exported' ORDER BY id`,
    );
    expect(audited.rows).toEqual([
      { actor: 'jimu', list: 'certificates' },
      { actor: 'jimu', list: 'fee-requests' },
      { actor: 'jimu', list: 'results' },
    ]);
  });

  it('neutralises names a spreadsheet would take for formulas, and writes 〜 − ‖ in CP932', async () => {
    // A name as typed into the applicant web system; dossiers[0] (合格) is on the results list.
    await sql.query(`UPDATE dossiers SET family_name = $2, given_name = '〜−‖子' WHERE id = $1`, [
      dossiers[0].id,
      '=HYPERLINK("http://evil.example/","x")',
    ]);
    const csv = await office
      .get('/api/rounds/2021/mailing-lists/results.csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const line = (csv.body as Buffer)
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.startsWith(`${dossiers[0].certNo},`))!;
    expect(line).toContain(`,"'=HYPERLINK(""http://evil.example/"",""x"") 〜−‖子",`);

    const xlsx = await office
      .get('/api/rounds/2021/mailing-lists/results.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = book.getWorksheet('一覧')!;
    const names: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && names.push(row.getCell(2).value));
    expect(names).toContain(`'=HYPERLINK("http://evil.example/","x") 〜−‖子`);
    expect(names.every((name) => !/^[=+\-@]/.test(String(name)))).toBe(true);

    const sjis = await office
      .get('/api/rounds/2021/mailing-lists/results.csv')
      .query({ encoding: 'cp932' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    // Only 𠮷田 (the earlier test) is reported: 〜 − ‖ are written as CP932's ～ － ∥.
    expect(sjis.headers['x-unrepresentable-cells']).toBe('1');
    expect(iconv.decode(sjis.body as Buffer, 'cp932')).toContain(' ～－∥子"');
  });

  it('refuses reviewers and names what is wrong with a file name', async () => {
    const reviewer = await loginAs(app, 'iin', 'reviewer');
    await reviewer.get('/api/rounds/2021/mailing-lists').expect(403);
    const wrong = await office.get('/api/rounds/2021/mailing-lists/diplomas.doc').expect(400);
    expect(wrong.body.message).toBe(
      '「diplomas.doc」は一覧のファイル名ではありません(例: results.xlsx、results-labels.csv)',
    );
    const unknown = await office.get('/api/rounds/2021/mailing-lists/diplomas.pdf').expect(400);
    expect(unknown.body.message).toContain('一覧「diplomas」はありません。');
    const letters = await office
      .get('/api/rounds/2021/mailing-lists/result-letters.xlsx')
      .expect(400);
    expect(letters.body.message).toBe('審査結果通知書(PDF)の形式は pdf です(「xlsx」)');
  });

  it('writes address labels, payment request letters and deficiency letters', async () => {
    const labels = await office
      .get('/api/rounds/2021/mailing-lists/results-labels.csv')
      .query({ encoding: 'cp932' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(labels.headers['content-disposition']).toContain('results-labels-2021.csv');
    expect(labels.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(labels.headers['x-rows']).toBe('3');
    // 𠮷田 (an earlier test) is the one cell CP932 cannot hold; 〜−‖ are mapped.
    expect(labels.headers['x-unrepresentable-cells']).toBe('1');
    const lines = iconv
      .decode(labels.body as Buffer, 'cp932')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '認定番号,郵便番号,住所1,住所2,住所3,組織名,部署名,姓,名,敬称,宛先要確認',
    );
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',').at(-2))).toEqual(['様', '様', '様']);
    expect(lines.find((l) => l.startsWith(dossiers[0].certNo))).toContain(',～－∥子,様,');

    const sheet = await office
      .get('/api/rounds/2021/mailing-lists/results-labels.pdf')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const [labelPage] = pdfPages(sheet.body as Buffer);
    expect(labelPage.match(/〒\d{3}-\d{4}/g)).toHaveLength(3);
    expect(labelPage).toContain('様');

    const letters = await office
      .get('/api/rounds/2021/mailing-lists/fee-request-letters.pdf')
      .query({ letterDate: '2022-04-15' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const pages = pdfPages(letters.body as Buffer);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`認定番号 ${dossiers[1].certNo}`);
    expect(pages[0]).toContain('お支払い金額 22,110円');
    expect(pages[0]).toContain('2022年4月15日');
    expect(pages[0]).toMatch(/^\s+記\s*$/m);
    expect(pages[0]).toMatch(/以上\s*$/m);
    // Letters for those without e-mail: the outbox reaches an applicant with an address, unless
    // it was refused or the applicant asked for no e-mail.
    const emailOf = async (certNo: string, email: string) =>
      sql.query(
        `UPDATE dossier_revisions r SET applicant = jsonb_set(r.applicant, '{email}', to_jsonb($2::text))
           FROM dossiers d WHERE d.id = r.dossier_id AND d.cert_no = $1`,
        [certNo, email],
      );
    const requestLettersWithoutEmail = async () =>
      pdfPages(
        (
          await office
            .get('/api/rounds/2021/mailing-lists/fee-request-letters.pdf')
            .query({ withoutEmailOnly: 'true' })
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer,
      ).filter((p) => p.includes('認定番号'));
    await emailOf(dossiers[1].certNo, 'taro@example.jp');
    expect(await requestLettersWithoutEmail()).toHaveLength(0);
    await sql.query(
      `INSERT INTO mail_recipient_flags (dossier_id, bad_address, bad_reason, bad_at, updated_by)
       SELECT id, 'taro@example.jp', '550 no such user', now(), 'test' FROM dossiers WHERE cert_no = $1`,
      [dossiers[1].certNo],
    );
    expect(await requestLettersWithoutEmail()).toHaveLength(1);
    await emailOf(dossiers[1].certNo, '');
    const badDate = await office
      .get('/api/rounds/2021/mailing-lists/result-letters.pdf')
      .query({ letterDate: '2022-02-30' })
      .expect(400);
    expect(badDate.body.message).toBe(
      '通知書の日付は YYYY-MM-DD で指定してください(「2022-02-30」)',
    );

    await sql.query(
      `INSERT INTO deficiency_notices (round_id, dossier_id, items, resubmit_by, issued_by)
       VALUES ('2021', $1, $2, '2022-05-20', 'jimu')`,
      [
        dossiers[3].id,
        JSON.stringify([
          { rule: 'doc.licence', ref: null, message: '医師免許証の写しがありません' },
        ]),
      ],
    );
    const notices = await office
      .get('/api/deficiency-notices/letters.pdf')
      .query({ filter: JSON.stringify({ roundId: '2021' }), letterDate: '2022-05-01' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(notices.headers['content-type']).toBe('application/pdf');
    const [notice] = pdfPages(notices.body as Buffer);
    expect(notice).toContain('更新申請書類の不備について');
    expect(notice).toContain('・医師免許証の写しがありません');
    expect(notice).toContain('再提出期限 2022年5月20日');
    expect(notice).toContain('2022年5月1日');
    // Only those without e-mail when asked: the applicant has one, then none.
    const withoutEmail = () =>
      office
        .get('/api/deficiency-notices/letters.pdf')
        .query({ filter: JSON.stringify({ roundId: '2021' }), withoutEmail: 'true' })
        .buffer(true)
        .parse(binary)
        .expect(200)
        .then((r) => pdfPages(r.body as Buffer));
    expect(await withoutEmail()).toEqual([expect.stringContaining('対象者はいません。')]);
    await sql.query(
      `UPDATE dossier_revisions SET applicant = applicant - 'email' WHERE dossier_id = $1`,
      [dossiers[3].id],
    );
    expect((await withoutEmail())[0]).toContain('・医師免許証の写しがありません');
    const refused = await office
      .get('/api/deficiency-notices/letters.pdf')
      .query({ letterDate: 'tomorrow' })
      .expect(400);
    expect(refused.body.message).toContain('通知書の日付は YYYY-MM-DD で指定してください');
    const audited = await sql.query(
      `SELECT after->>'letterDate' AS day FROM audit_events WHERE action = 'deficiency-notices.letters-printed' ORDER BY id`,
    );
    expect(audited.rows).toHaveLength(3);
    expect(audited.rows[0]).toEqual({ day: '2022-05-01' });
  });

  it('reconciles payments and takes one entered by hand', async () => {
    const entered = await office
      .post('/api/payments')
      .send({
        roundId: '2021',
        certNo: dossiers[1].certNo,
        item: '更新認定料',
        amount: 20000,
        handlingFee: 110,
        paidAt: '2022-03-25T10:00:00+09:00',
        method: '銀行振込',
      })
      .expect(201);
    expect(entered.body).toMatchObject({
      certNo: dossiers[1].certNo,
      source: 'manual',
      status: '入金済',
      reconciliation: 'wrongAmount',
    });
    await office
      .post('/api/payments')
      .send({
        roundId: '2021',
        transactionId: entered.body.transactionId,
        certNo: dossiers[1].certNo,
        item: '更新認定料',
        amount: 22000,
        paidAt: '2022-03-26',
      })
      .expect(409);
    const wrong = await office
      .post('/api/payments')
      .send({ roundId: '2021', certNo: '999999', item: '会費', amount: -1, paidAt: 'someday' })
      .expect(400);
    expect(Object.keys(wrong.body.errors).sort()).toEqual(['amount', 'certNo', 'item', 'paidAt']);
    await sql.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       VALUES ('2021', 'TWICE-1', $1, '更新審査料', 11000, 110, '2021-08-01T10:00:00+09:00', 'カード', '入金済'),
              ('2021', 'LOST-1', '999999', '更新審査料', 11000, 110, '2021-08-01T10:00:00+09:00', 'カード', '入金済'),
              ('2021', 'CANCEL-1', $2, '更新認定料', 22000, 110, '2022-03-01T10:00:00+09:00', 'カード', '取消')`,
      [dossiers[2].certNo, dossiers[3].certNo],
    );
    const counts = (
      await office.get('/api/payments/reconciliation').query({ roundId: '2021' }).expect(200)
    ).body;
    expect(counts).toMatchObject({
      wrongAmount: 1,
      unmatched: 1,
      paidTwice: 2,
      cancelled: 1,
      refunded: 0,
    });
    const twice = await office
      .get('/api/payments')
      .query({ filter: JSON.stringify({ roundId: '2021', reconciliation: 'paidTwice' }) })
      .expect(200);
    expect(twice.body.map((p: { certNo: string }) => p.certNo)).toEqual([
      dossiers[2].certNo,
      dossiers[2].certNo,
    ]);
    // Counted and summed per reconciliation and fee; exported as the list shows it.
    const summary = (
      await office.get('/api/payments/summary').query({ roundId: '2021' }).expect(200)
    ).body as { reconciliation: string; item: string; count: number; amount: number }[];
    expect(summary).toContainEqual(
      expect.objectContaining({
        reconciliation: 'unmatched',
        item: '更新審査料',
        count: 1,
        amount: 11000,
      }),
    );
    expect(summary.reduce((n, t) => n + t.count, 0)).toBe(
      Object.values(counts as Record<string, number>).reduce((n, c) => n + c, 0),
    );
    const exported = await office
      .get('/api/payments/export.csv')
      .query({ filter: JSON.stringify({ roundId: '2021', reconciliation: 'paidTwice' }) })
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Disposition', 'attachment; filename="payments-2021.csv"');
    // A BOM first, so that Excel reads it as UTF-8.
    expect((exported.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csvLines = (exported.body as Buffer).toString('utf8').trim().split('\r\n');
    expect(csvLines[0]).toBe(
      '取引番号,認定番号,氏名,項目,金額,事務手数料,支払日時,支払方法,状態,照合,登録元',
    );
    expect(csvLines.slice(1).map((l) => l.split(',')[9])).toEqual([
      '二重払い(返金)',
      '二重払い(返金)',
    ]);
    const book = new ExcelJS.Workbook();
    const workbook = (
      await office
        .get('/api/payments/export.xlsx')
        .query({ filter: JSON.stringify({ roundId: '2021' }) })
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    await book.xlsx.load(new Uint8Array(workbook).buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['入金一覧', '集計']);
    // The fee request now says what is wrong with the payment.
    const csv = await office
      .get('/api/rounds/2021/mailing-lists/fee-requests.csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((csv.body as Buffer).toString('utf8')).toContain(
      '金額が違います(20000円+手数料110円。正しくは 22000円+110円)',
    );
    await office
      .get('/api/payments')
      .query({ filter: JSON.stringify({ reconciliation: 'lost' }) })
      .expect(400);
    // Released 合格 is read by the checks: the certification fee is among the dossier's results.
    await eventually(async () => {
      const page = (await office.get(`/api/dossiers/${dossiers[1].id}`).expect(200)).body;
      expect(
        page.checks.find((c: { rule: string }) => c.rule === 'fee.certification'),
      ).toMatchObject({
        outcome: 'review',
        message: '金額が違います(20000円+手数料110円。正しくは 22000円+110円)',
      });
      return true;
    });
  });
});
