import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import type { ImportReport } from '../../server/imports/import-report.js';
import { ImportService } from '../../server/imports/import.service.js';
import {
  column,
  copyBundle,
  csvRows,
  editCsv,
  generateBundle,
  writeCsv,
} from '../support/bundles.js';
import {
  createTestDatabase,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';
import { makeZip } from '../support/zip-writer.js';

const FILES = [
  'societies.csv',
  'meetings.csv',
  'facilities.csv',
  'applicants.csv',
  'case_sheets.csv',
  'cases.csv',
  'attendances.csv',
  'elearning.csv',
  'payments.csv',
  'address_changes.csv',
  'mail.csv',
];

const N = 40;

/** Imports, the secretariat's way, against the real PostgreSQL and Redis. */
describe('import of bundles (formats.md)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let dataDir: string;
  let utf8: string;
  let cp932: string;

  const importBundle = async (source: string): Promise<ImportReport> => {
    const { report } = await app.app
      .get(ImportService)
      .run({ roundId: '2021', source, requestedBy: 'test' });
    return report;
  };
  const file = (report: ImportReport, name: string) => report.files.find((f) => f.file === name)!;
  const revisionsOf = async (certNo: string) =>
    (
      await sql.query(
        `SELECT r.revision, r.applicant, r.cases FROM dossier_revisions r JOIN dossiers d ON d.id = r.dossier_id
          WHERE d.cert_no = $1 ORDER BY r.revision`,
        [certNo],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'shinsa-data-'));
    app = await startTestApp({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      workers: true,
      dataDir,
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    cp932 = generateBundle({ applicants: N, seed: 7, encoding: 'cp932' });
    utf8 = generateBundle({ applicants: N, seed: 7, bom: true });
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('imports a CP932 bundle: every row the generator wrote, names with 髙 and 﨑 intact', async () => {
    const report = await importBundle(cp932);
    expect(report.exitCode).toBe(0);
    expect(report.files.map((f) => f.file)).toEqual(FILES);
    for (const name of FILES) {
      const rows = csvRows(cp932, name, 'cp932').length;
      expect(file(report, name)).toMatchObject({
        file: name,
        encoding: 'cp932',
        rows,
        imported: rows,
        rejected: [],
      });
    }
    expect(report.dossiers).toMatchObject({ imported: N, created: N, unchanged: 0, rejected: 0 });
    expect(report.queued).toBe(N);

    const expected = JSON.parse(readFileSync(join(cp932, 'expected.json'), 'utf8'));
    expect(report.unmatched.payments).toBe(expected.unmatched.payments.length);
    expect(report.unmatched.mail).toBe(expected.unmatched.mail.length);

    const applicants = csvRows(cp932, 'applicants.csv', 'cp932');
    const { rows } = await sql.query(
      `SELECT cert_no, family_name, given_name FROM dossiers ORDER BY cert_no`,
    );
    expect(rows).toHaveLength(N);
    for (const a of applicants) {
      expect(rows.find((r) => r.cert_no === a[0])).toMatchObject({
        family_name: a[1].trim(),
        given_name: a[2].trim(),
      });
    }
    const cases = await sql.query(
      `SELECT sum(jsonb_array_length(cases))::int AS n FROM dossier_revisions`,
    );
    expect(cases.rows[0].n).toBe(csvRows(cp932, 'cases.csv', 'cp932').length);
  });

  it('finishes every check it queued', async () => {
    const { rows } = await sql.query(
      `SELECT cert_no AS "certNo", inputs_version AS "inputsVersion" FROM dossiers`,
    );
    await app.app.get(CheckQueueService).waitFor(
      rows.map((r) => ({ roundId: '2021', ...r })),
      { timeoutMs: 30000 },
    );
    const pending = await sql.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE checked_version < inputs_version`,
    );
    expect(pending.rows[0].n).toBe(0);
  });

  it('changes nothing when the same data comes again, in UTF-8 with BOM', async () => {
    const report = await importBundle(utf8);
    expect(report.exitCode).toBe(0);
    expect(file(report, 'cases.csv').encoding).toBe('utf8-bom');
    expect(report.dossiers).toMatchObject({ imported: 0, unchanged: N, rejected: 0 });
    expect(report.queued).toBe(0);
    expect(report.files.every((f) => f.changed === 0)).toBe(true);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM dossier_revisions`);
    expect(rows[0].n).toBe(N);
  });

  it('keeps a changed dossier as a new revision, the earlier one kept', async () => {
    const changed = copyBundle(utf8);
    let certNo = '';
    editCsv(changed, 'cases.csv', (records) => {
      const age = column(records, '年齢');
      certNo = records[1][0];
      records[1][age] = String(Number(records[1][age] || 50) + 1);
      return records;
    });
    const report = await importBundle(changed);
    expect(report.dossiers).toMatchObject({ imported: 1, revised: 1, unchanged: N - 1 });
    expect(report.queued).toBe(1);
    const revisions = await revisionsOf(certNo);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(revisions[0].cases).not.toEqual(revisions[1].cases);
  });

  it('keeps a dossier with a bad cell out whole, at its earlier revision, and names file, line and column', async () => {
    const bad = copyBundle(utf8);
    const applicants = csvRows(utf8, 'applicants.csv');
    const victim = applicants[2][0];
    let badLine = 0;
    editCsv(bad, 'applicants.csv', (records) => {
      records[3][column(records, '姓')] = '変更後';
      return records;
    });
    editCsv(bad, 'cases.csv', (records) => {
      const index = records.findIndex((r) => r[0] === victim);
      badLine = index + 1;
      records[index][column(records, '年齢')] = 'abc';
      return records;
    });
    const before = await revisionsOf(victim);
    const report = await importBundle(bad);
    expect(report.exitCode).toBe(1);
    expect(file(report, 'cases.csv').rejected).toEqual([
      {
        line: badLine,
        column: '年齢',
        reason: '年齢が数値ではありません(「abc」)',
        certNo: victim,
      },
    ]);
    expect(report.dossiers.rejected).toBe(1);
    expect(report.rejectedDossiers[0]).toMatchObject({ certNo: victim });
    // Neither its applicant change nor anything else of it went in.
    expect(await revisionsOf(victim)).toEqual(before);
  });

  it('refuses a file missing a required column whole, and then no dossier of the bundle', async () => {
    const broken = copyBundle(utf8);
    editCsv(broken, 'cases.csv', (records) => records.map((r) => r.filter((_, i) => i !== 7)));
    editCsv(broken, 'applicants.csv', (records) => {
      records[1][column(records, '姓')] = '新しい姓';
      return records;
    });
    editCsv(broken, 'payments.csv', (records) => [
      ...records,
      ['PAY-NEW-1', '777777', '更新審査料', '11000', '110', '2021/03/01 10:00', '', '入金済'],
    ]);
    const report = await importBundle(broken);
    expect(report.exitCode).toBe(2);
    expect(file(report, 'cases.csv')).toMatchObject({ imported: 0, rejectedWhole: true });
    expect(file(report, 'cases.csv').rejected[0]).toMatchObject({ line: 1, column: '年齢' });
    expect(file(report, 'cases.csv').rejected[0].reason).toMatch(/必須の列「年齢」がありません/);
    expect(report.dossiers.imported).toBe(0);
    const names = await sql.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE family_name = '新しい姓'`,
    );
    expect(names.rows[0].n).toBe(0);
    // The other files still went in: the payment waits for its dossier.
    expect(file(report, 'payments.csv').changed).toBe(1);
  });

  it('keeps payments, e-learning and mail of an unknown 認定番号 waiting, and attaches them when the dossier arrives', async () => {
    const early = copyBundle(utf8, ['payments.csv', 'elearning.csv', 'mail.csv']);
    writeCsv(early, 'payments.csv', [
      ['取引番号', '認定番号', '費目', '金額', '事務手数料', '入金日時', '決済方法', '状態'],
      [
        'PAY-EARLY-1',
        '888888',
        '更新審査料',
        '１１，０００',
        '110',
        '2021年3月1日 10:00',
        'コンビニ',
        '入金済',
      ],
      [
        'PAY-EARLY-1',
        '888888',
        '更新審査料',
        '11000',
        '110',
        '2021/03/01 10:00',
        'コンビニ',
        '返金',
      ],
    ]);
    writeCsv(early, 'elearning.csv', [
      ['認定番号', '分野', '受講完了日時', 'ミニテスト正答数'],
      ['888888', '遺伝性腫瘍', '2021/05/01 12:00', '5'],
    ]);
    writeCsv(early, 'mail.csv', [
      ['受付番号', '到着日', '消印日', '郵便種別', '追跡番号', '認定番号', '備考'],
      ['R2021-900001', '2021/09/20', '', '簡易書留', '', '888888', ''],
    ]);
    const first = await importBundle(early);
    expect(first.exitCode).toBe(0);
    expect(file(first, 'payments.csv')).toMatchObject({ rows: 2, imported: 2, rejected: [] });
    const payment = await sql.query(
      `SELECT amount, status FROM payments WHERE transaction_id = 'PAY-EARLY-1'`,
    );
    expect(payment.rows).toEqual([{ amount: 11000, status: '返金' }]);
    const waiting = first.unmatched;

    const arrival = copyBundle(utf8, [
      'applicants.csv',
      'case_sheets.csv',
      'cases.csv',
      'attendances.csv',
    ]);
    for (const name of ['applicants.csv', 'case_sheets.csv', 'cases.csv', 'attendances.csv']) {
      editCsv(arrival, name, (records) => [
        records[0],
        ...records.slice(1, 2).map((r) => ['888888', ...r.slice(1)]),
      ]);
    }
    const second = await importBundle(arrival);
    expect(second.exitCode).toBe(0);
    expect(second.dossiers.created).toBe(1);
    expect(second.attached).toEqual({ payments: 1, elearning: 1, addressChanges: 0, mail: 1 });
    expect(second.unmatched.payments).toBe(waiting.payments - 1);
    expect(second.unmatched.mail).toBe(waiting.mail - 1);
  });

  it('refuses rows of an unknown 認定番号 in the forms, and a key given twice, naming each line', async () => {
    const odd = copyBundle(utf8, ['attendances.csv', 'societies.csv']);
    editCsv(odd, 'attendances.csv', (records) => [...records, ['123123', '1', 'M2019-001']]);
    editCsv(odd, 'societies.csv', (records) => [
      [...records[0], '備考'],
      ...records.slice(1),
      records[1],
    ]);
    const report = await importBundle(odd);
    expect(report.exitCode).toBe(1);
    const attendances = file(report, 'attendances.csv');
    expect(attendances.rejected).toEqual([
      expect.objectContaining({ line: attendances.rows + 1, column: '認定番号', certNo: '123123' }),
    ]);
    const societies = file(report, 'societies.csv');
    expect(societies.warnings).toEqual(['不明な列「備考」は読み飛ばしました']);
    expect(societies.rejected[0].reason).toMatch(/2 行目と同じキー/);
  });

  it('imports a zip of the bundle with its scans, storing each scan once', async () => {
    const png = readFileSync(
      join(generateBundle({ applicants: 1, scans: true }), 'scans', 'R2021-000001-1.png'),
    );
    const entries = FILES.map((name) => ({
      name: `export/${name}`,
      data: readFileSync(join(utf8, name)),
    }));
    entries.push({ name: 'export/scans/R2021-000001-1.png', data: png });
    entries.push({ name: 'export/scans/R2021-000002-1.png', data: png });
    entries.push({ name: 'export/scans/whatever.txt', data: Buffer.from('x') });
    const zipPath = join(mkdtempSync(join(tmpdir(), 'shinsa-zip-')), 'bundle.zip');
    writeFileSync(zipPath, makeZip(entries));
    const report = await importBundle(zipPath);
    expect(report.exitCode).toBe(0);
    expect(report.dossiers.rejected).toBe(0);
    expect(report.scans).toEqual({
      files: 3,
      stored: 1,
      alreadyStored: 1,
      ignored: ['whatever.txt'],
    });
    const links = await sql.query(
      `SELECT receipt_no, page, sha256 FROM envelope_scans ORDER BY receipt_no`,
    );
    expect(links.rows.map((r) => [r.receipt_no, r.page])).toEqual([
      ['R2021-000001', 1],
      ['R2021-000002', 1],
    ]);
    expect(links.rows[0].sha256).toBe(links.rows[1].sha256);
    const stored = readdirSync(join(dataDir, 'scans', links.rows[0].sha256.slice(0, 2)));
    expect(stored).toEqual([`${links.rows[0].sha256}.png`]);
    // The expanded zip is not kept.
    expect(readdirSync(join(dataDir, 'imports'))).toEqual([]);
  });

  it('refuses an unsafe zip whole, writes nothing outside, and records the import as rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-zip-'));
    mkdirSync(join(dir, 'inside'));
    const zipPath = join(dir, 'inside', 'evil.zip');
    writeFileSync(
      zipPath,
      makeZip([
        { name: 'applicants.csv', data: 'x' },
        { name: '../../escaped.csv', data: 'x' },
      ]),
    );
    const report = await importBundle(zipPath);
    expect(report.exitCode).toBe(2);
    expect(report.bundleError).toMatch(/escaped\.csv.*「\.\.」/);
    expect(existsSync(join(dir, 'escaped.csv'))).toBe(false);
    expect(existsSync(join(dataDir, 'escaped.csv'))).toBe(false);
    const run = await sql.query(`SELECT status, exit_code FROM imports WHERE id = $1`, [
      report.importId,
    ]);
    expect(run.rows[0]).toEqual({ status: 'rejected', exit_code: 2 });
  });

  /** What Excel does to a file it opens and saves as CSV: numbers lose their leading zeros, dates and times their padding and seconds. */
  const savedByExcel = (records: string[][], columns: string[]) => {
    const header = records[0];
    const indexes = columns.map((c) => column(records, c));
    return [
      header,
      ...records.slice(1).map((r) =>
        r.map((cell, i) => {
          if (!indexes.includes(i)) return cell;
          if (/^\d+$/.test(cell)) return String(Number(cell));
          return cell
            .replace(/^(\d{4})[/-]0?(\d{1,2})[/-]0?(\d{1,2})/, '$1/$2/$3')
            .replace(/ 0?(\d{1,2}):(\d{2}):\d{2}$/, ' $1:$2');
        }),
      ),
    ];
  };
  const counts = async () =>
    (
      await sql.query(
        `SELECT (SELECT count(*)::int FROM dossiers) AS dossiers,
                (SELECT count(*)::int FROM dossier_revisions) AS revisions,
                (SELECT count(*)::int FROM payments) AS payments,
                (SELECT count(*)::int FROM dossiers WHERE length(cert_no) < 6) AS short`,
      )
    ).rows[0];

  it('refuses whole, writing nothing, a bundle whose applicants.csv Excel saved on top of the original', async () => {
    const excel = copyBundle(utf8);
    editCsv(excel, 'applicants.csv', (records) =>
      savedByExcel(records, [
        '認定番号',
        '生年月日',
        '前回認定日',
        '勤務先郵便番号',
        '勤務先電話番号',
        '申請登録日時',
        '最終編集日時',
      ]),
    );
    editCsv(excel, 'payments.csv', (records) => [
      ...records,
      ['PAY-EXCEL-1', '777778', '更新審査料', '11000', '110', '2021/03/01 10:00', '', '入金済'],
    ]);
    const before = await counts();
    const report = await importBundle(excel);
    expect(report.exitCode).toBe(2);
    expect(report.bundleError).toMatch(
      /^applicants\.csv の 40 行中 \d+ 行に、先頭の 0 が消えた番号か年の消えた日付があります。.*一式を取り込みませんでした\(何も書き込んでいません\)/,
    );
    const applicants = file(report, 'applicants.csv');
    expect(applicants).toMatchObject({ imported: 0, rejectedWhole: true });
    const first = csvRows(utf8, 'applicants.csv')[0][0];
    expect(applicants.rejected[0]).toEqual({
      line: 2,
      column: '認定番号',
      reason: expect.stringContaining(
        `認定番号が6 桁ではありません(「${Number(first)}」。元は「${first}」など)。先頭の 0 が消えています (Excel で保存しましたか)`,
      ),
      spreadsheet: true,
    });
    expect(report.dossiers).toMatchObject({ imported: 0, created: 0 });
    expect(report.queued).toBe(0);
    expect(await counts()).toEqual(before);
    expect(before.short).toBe(0);
    const run = await sql.query(`SELECT status, exit_code FROM imports WHERE id = $1`, [
      report.importId,
    ]);
    expect(run.rows[0]).toEqual({ status: 'rejected', exit_code: 2 });
  });

  it('refuses the few rows a spreadsheet damaged, naming line, column and the cause; the rest goes in', async () => {
    const few = copyBundle(utf8);
    const applicants = csvRows(utf8, 'applicants.csv');
    const yearless = applicants[1][0];
    let sheetLine = 0;
    let sheetOwner = '';
    let [lostZero, short, lostZeroLine] = ['', '', 0];
    editCsv(few, 'applicants.csv', (records) => {
      records[1][0] = String(Number(records[1][0]));
      records[2][column(records, '生年月日')] = '6月27日';
      // yyyy/m/d and h:mm are read as they are.
      records[3][column(records, '前回認定日')] = '2017/4/1';
      records[3][column(records, '最終編集日時')] = '2021/8/30 9:05';
      // A postal code whose 0 Excel took (060-0001 of the address), and one an applicant typed a
      // digit short (010-0000 is 秋田市, not the address): the first refused, the second left to
      // the address rule.
      const other = records.flatMap((r, i) =>
        i > 3 && r[column(records, '勤務先区分')] === 'その他' ? [i] : [],
      );
      [lostZero, short] = other.map((i) => records[i][0]);
      lostZeroLine = other[0] + 1;
      const workplace = (i: number, code: string, prefecture: string, address: string) => {
        records[i][column(records, '勤務先郵便番号')] = code;
        records[i][column(records, '勤務先都道府県')] = prefecture;
        records[i][column(records, '勤務先住所')] = address;
      };
      workplace(other[0], '600001', '北海道', '札幌市中央区北1条西2丁目');
      workplace(other[1], '100000', '東京都', '千代田区千代田1-1');
      return records;
    });
    editCsv(few, 'case_sheets.csv', (records) => {
      const index = records.findIndex(
        (r, i) => i > 0 && r[column(records, '施設区分')] === '認定研修施設' && r[0] !== yearless,
      );
      sheetLine = index + 1;
      sheetOwner = records[index][0];
      // 01001 is in facilities.csv; 1001 is nothing.
      records[index][column(records, '施設番号')] = '1001';
      return records;
    });
    const before = { yearless: await revisionsOf(yearless), sheet: await revisionsOf(sheetOwner) };
    const report = await importBundle(few);
    expect(report.exitCode).toBe(1);
    expect(report.bundleError).toBeNull();
    const rejected = file(report, 'applicants.csv').rejected;
    expect(rejected.map((p) => [p.line, p.column, p.certNo])).toEqual([
      [2, '認定番号', undefined],
      [3, '生年月日', yearless],
      [lostZeroLine, '勤務先郵便番号', lostZero],
    ]);
    expect(rejected[2].reason).toContain(
      '勤務先郵便番号が7 桁ではありません(「600001」。「060-0001」なら住所の 北海道札幌市中央区 の番号です)。先頭の 0 が消えています',
    );
    expect((await revisionsOf(short)).at(-1)!.applicant).toMatchObject({
      workplacePostalCode: '100000',
    });
    expect(rejected[0].reason).toContain('先頭の 0 が消えています (Excel で保存しましたか)');
    expect(rejected[1].reason).toContain(
      '生年月日が日付の年がありません(「6月27日」)。年が消えています (Excel で保存しましたか)',
    );
    expect(file(report, 'case_sheets.csv').rejected).toEqual([
      expect.objectContaining({
        line: sheetLine,
        column: '施設番号',
        certNo: sheetOwner,
        reason: expect.stringContaining(
          '(「1001」。「01001」ならあります)。先頭の 0 が消えています',
        ),
      }),
    ]);
    expect(report.rejectedDossiers.map((d) => d.certNo).sort()).toEqual(
      [yearless, sheetOwner, lostZero].sort(),
    );
    expect(await revisionsOf(yearless)).toEqual(before.yearless);
    expect(await revisionsOf(sheetOwner)).toEqual(before.sheet);
    // No five-digit dossier; the one whose number lost its zero keeps what it had.
    expect((await counts()).short).toBe(0);
    const third = await revisionsOf(applicants[2][0]);
    expect(third.at(-1)!.applicant).toMatchObject({
      lastCertifiedOn: '2017-04-01',
      lastEditedAt: '2021-08-30T09:05:00+09:00',
    });
  });

  it('refuses an unknown round before reading anything', async () => {
    await expect(
      app.app.get(ImportService).run({ roundId: '1999', source: utf8, requestedBy: 'test' }),
    ).rejects.toThrow(/年度「1999」はありません/);
  });
});
