import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS } from '../../migrations/index.js';
import { column, copyBundle, editCsv, generateBundle, GENERATOR } from '../support/bundles.js';
import { assertBuilt, runNode } from '../support/run-node.js';
import { createTestDatabase, TestDatabase } from '../support/test-env.js';

/** The command line of interface.md, run as a script would run it. */
// Each test runs the CLI as processes of their own (1.5–3 s each to start); on two Jest workers
// beside the OCR tests an export test took over a minute.
jest.setTimeout(180000);

describe('cli', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase(false);
    env = { DATABASE_URL: db.url, LOG_LEVEL: 'log' };
    work = mkdtempSync(join(tmpdir(), 'shinsa-cli-'));
  });

  afterAll(async () => {
    await db.drop();
  });

  it('migrate applies the migrations, keeping stdout pure JSON with --json', async () => {
    const first = await runNode('cli.js', ['migrate', '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: MIGRATIONS.map((m) => m.name) });
    expect(first.stderr).toMatch(/Applied migration/);
    const second = await runNode('cli.js', ['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/最新です/);
  });

  it('round load creates or updates a round from the JSON of formats.md', async () => {
    execFileSync(process.execPath, [GENERATOR, '--out', work, '--applicants', '5', '--quiet']);
    const file = join(work, 'round-2021.json');
    const loaded = await runNode('cli.js', ['round', 'load', file, '--json'], env);
    expect(loaded.code).toBe(0);
    const body = JSON.parse(loaded.stdout);
    expect(body).toMatchObject({
      created: false,
      changed: false,
      round: { id: '2021', label: '2021年度' },
    });

    const next = JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
    const file2023 = join(work, 'round-2023.json');
    writeFileSync(file2023, JSON.stringify({ ...next, round: '2023', label: '2023年度' }));
    const created = await runNode('cli.js', ['round', 'load', file2023], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/年度「2023」\(2023年度\)を作成しました/);
  });

  it('round load exits 2 naming the file and field of an invalid round', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ round: '2024', label: '2024年度', fees: { review: 'free' } }),
    );
    const result = await runNode('cli.js', ['round', 'load', bad], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${bad}: fees.review: 金額は 0 以上の整数(円)で指定してください`,
    );

    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{ "round": ');
    const unreadable = await runNode('cli.js', ['round', 'load', broken, '--json'], env);
    expect(unreadable.code).toBe(2);
    expect(JSON.parse(unreadable.stdout)).toMatchObject({ file: broken });
    expect(unreadable.stderr).toMatch(/JSON として読めません/);
  });

  it('user add creates an account (0), refuses an existing login (1) and a weak password (2)', async () => {
    const args = ['user', 'add', 'jimu1', '--role', 'secretariat', '--password-stdin'];
    const created = await runNode('cli.js', [...args, '--json'], env, 'a-long-password\n');
    expect(created.code).toBe(0);
    // Made for someone else: its owner chooses a new password at the first login.
    expect(JSON.parse(created.stdout)).toMatchObject({
      login: 'jimu1',
      role: 'secretariat',
      mustChangePassword: true,
    });
    const exists = await runNode('cli.js', args, env, 'a-long-password\n');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/既に使われています/);
    const weak = await runNode(
      'cli.js',
      ['user', 'add', 'jimu2', '--role', 'secretariat', '--password-stdin'],
      env,
      'short\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/10 文字以上/);
    const badRole = await runNode(
      'cli.js',
      ['user', 'add', 'jimu3', '--role', 'chair', '--password-stdin'],
      env,
      'a-long-password\n',
    );
    expect(badRole.code).toBe(2);
  });

  it('--by acts for an account with the role of the command, and refuses others (exit 2)', async () => {
    const add = (login: string, role: string, by?: string) =>
      runNode(
        'cli.js',
        ['user', 'add', login, '--role', role, '--password-stdin', ...(by ? ['--by', by] : [])],
        env,
        'a-long-password\n',
      );
    expect((await add('kanri1', 'admin')).code).toBe(0);
    expect((await add('iin1', 'reviewer', 'kanri1')).code).toBe(0);
    // The secretariat and reviewers do not manage accounts.
    const bySecretariat = await add('iin2', 'reviewer', 'jimu1');
    expect(bySecretariat.code).toBe(2);
    expect(bySecretariat.stderr).toMatch(
      /「jimu1」\(事務局\)には user add を実行する権限がありません/,
    );
    const byGhost = await add('iin3', 'reviewer', 'ghost');
    expect(byGhost.code).toBe(2);
    expect(byGhost.stderr).toMatch(/アカウント「ghost」はありません/);
    // A reviewer lists no applications (they hold case data of other reviewers' dossiers).
    const listed = await runNode(
      'cli.js',
      ['applications', '--round', '2021', '--json', '--by', 'iin1'],
      env,
    );
    expect(listed.code).toBe(2);
    expect(JSON.parse(listed.stdout).error).toMatch(
      /審査委員.*applications を実行する権限がありません/,
    );

    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        `SELECT actor, entity_id FROM audit_events WHERE action = 'user.created' AND entity_id IN ('kanri1', 'iin1') ORDER BY id`,
      );
      expect(rows).toEqual([
        { actor: expect.stringMatching(/^cli:/), entity_id: 'kanri1' },
        { actor: 'kanri1', entity_id: 'iin1' },
      ]);
      const refused = await sql.query(`SELECT 1 FROM users WHERE login IN ('iin2', 'iin3')`);
      expect(refused.rows).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });

  it('import --wait --json prints exactly the JSON of interface.md and returns once every check ran', async () => {
    // With a BOM: the JSON still says "utf8" (formats.md's two encodings are UTF-8 and CP932).
    const bundle = generateBundle({ applicants: 12, seed: 3, bom: true });
    const env2 = { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-cli-data-')) };
    const result = await runNode(
      'cli.js',
      ['import', bundle, '--round', '2021', '--wait', '--json'],
      env2,
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(['files', 'dossiers', 'queued']);
    expect(Object.keys(body.files[0])).toEqual([
      'file',
      'encoding',
      'rows',
      'imported',
      'rejected',
    ]);
    expect(body.files.map((f: { encoding: string }) => f.encoding)).toEqual(
      body.files.map(() => 'utf8'),
    );
    expect(body.dossiers).toEqual({ imported: 12, unchanged: 0, rejected: 0 });
    expect(body.queued).toBe(12);
    expect(result.stderr).toMatch(/チェックがすべて終わりました/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE checked_version < inputs_version`,
    );
    await client.end();
    expect(rows[0].n).toBe(0);

    // applications --json: one element per dossier, exactly the keys of interface.md.
    const apps = await runNode('cli.js', ['applications', '--round', '2021', '--json'], env2);
    expect(apps.code).toBe(0);
    const list = JSON.parse(apps.stdout);
    expect(list).toHaveLength(12);
    expect(Object.keys(list[0])).toEqual([
      'certNo',
      'name',
      'verdict',
      'decision',
      'counts',
      'checks',
    ]);
    expect(Object.keys(list[0].counts)).toEqual(['cases', 'casesUnderReview', 'attendances']);
    expect(list[0].decision).toBeNull();
    expect(list[0].checks[0]).toEqual({
      rule: 'registration',
      outcome: expect.any(String),
      ref: null,
      message: expect.any(String),
    });
    const diagnosis = list[0].checks.find((c: { rule: string }) => c.rule === 'case.diagnosis');
    expect(Object.keys(diagnosis)).toEqual(['rule', 'outcome', 'ref', 'message', 'icd10']);

    // A bad cell: 1, naming line, column and reason. A missing column: 2. Nothing found: 2.
    const bad = copyBundle(bundle, ['cases.csv', 'applicants.csv']);
    editCsv(bad, 'cases.csv', (records) => {
      records[2][column(records, '年齢')] = 'abc';
      return records;
    });
    const partial = await runNode('cli.js', ['import', bad, '--round', '2021', '--json'], env2);
    expect(partial.code).toBe(1);
    const cases = JSON.parse(partial.stdout).files.find(
      (f: { file: string }) => f.file === 'cases.csv',
    );
    expect(cases.rejected).toEqual([
      { line: 3, column: '年齢', reason: '年齢が数値ではありません(「abc」)' },
    ]);
    expect(partial.stderr).toMatch(/cases\.csv:3 「年齢」: 年齢が数値ではありません/);

    editCsv(bad, 'cases.csv', (records) => records.map((r) => r.slice(0, 5)));
    expect((await runNode('cli.js', ['import', bad, '--round', '2021'], env2)).code).toBe(2);
    const missing = await runNode(
      'cli.js',
      ['import', join(bad, 'nothing-here'), '--round', '2021'],
      env2,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing-here がありません/);
    const noRound = await runNode('cli.js', ['import', bundle, '--round', '1999'], env2);
    expect(noRound.code).toBe(2);
    expect(noRound.stderr).toMatch(/年度「1999」はありません/);
  });

  it('decide records the committee sheet, released at once; wrong lines exit 1 with line and reason', async () => {
    const apps = JSON.parse(
      (await runNode('cli.js', ['applications', '--round', '2021', '--json'], env)).stdout,
    ) as { certNo: string; verdict: string }[];
    const [a, b, c, d, e] = apps.map((x) => x.certNo);
    expect(apps[4].verdict).not.toBe('pass'); // documents are not verified yet
    const sheet = join(work, 'decisions.csv');
    const lines = [
      '認定番号,判定,理由',
      `${a},合格,委員会で書類を確認`,
      `${b},不合格,症例数の不足`,
      `${c},保留,`,
      `${d},可,`,
      `${e},合格,`,
      '999999,合格,x',
    ];
    writeFileSync(sheet, iconv.encode(lines.join('\r\n') + '\r\n', 'cp932'));
    const args = ['decide', '--round', '2021', '--file', sheet, '--by', 'kanri1', '--json'];
    const first = await runNode('cli.js', args, env);
    expect(first.code).toBe(1);
    const body = JSON.parse(first.stdout);
    expect(body).toMatchObject({ recorded: 2, unchanged: 0 });
    expect(body.rejected.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([
      [4, '理由'],
      [5, '判定'],
      [6, '理由'],
      [7, '認定番号'],
    ]);
    expect(body.rejected[2].reason).toMatch(
      /decisions.csv 6 行目 理由: チェックを満たしていないため、合格にするには理由が必要です/,
    );

    const decided = JSON.parse(
      (await runNode('cli.js', ['applications', '--round', '2021', '--json'], env)).stdout,
    ) as { certNo: string; decision: string | null }[];
    expect(Object.fromEntries(decided.slice(0, 3).map((x) => [x.certNo, x.decision]))).toEqual({
      [a]: '合格',
      [b]: '不合格',
      [c]: null,
    });

    // The same sheet, fixed: already recorded lines are unchanged, the rest recorded.
    writeFileSync(
      sheet,
      [lines[0], lines[1], lines[2], `${c},保留,書類の到着待ち`].join('\n') + '\n',
    );
    const again = await runNode('cli.js', args, env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ recorded: 1, unchanged: 2, rejected: [] });

    const reviewer = await runNode('cli.js', [...args.slice(0, 5), '--by', 'iin1'], env);
    expect(reviewer.code).toBe(2);
    expect(reviewer.stderr).toMatch(/decide を実行する権限がありません/);
    const noBy = await runNode('cli.js', args.slice(0, 5), env);
    expect(noBy.code).toBe(2);
    expect(noBy.stderr).toMatch(/--by <login>/);
  });

  it('export writes the mailing lists as CSV and xlsx, reading back what rules.md says', async () => {
    const apps = JSON.parse(
      (await runNode('cli.js', ['applications', '--round', '2021', '--json'], env)).stdout,
    ) as { certNo: string; decision: string | null }[];
    const passed = apps.find((x) => x.decision === '合格')!.certNo;
    const failed = apps.find((x) => x.decision === '不合格')!.certNo;
    const exportList = (...args: string[]) =>
      runNode('cli.js', ['export', ...args, '--round', '2021', '--by', 'kanri1', '--json'], env);

    // results: everyone decided (保留 is not a result), UTF-8 with BOM.
    const results = join(work, 'results.csv');
    const written = await exportList('results', '--out', results);
    expect(written.code).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({
      list: 'results',
      rows: 2,
      files: [results],
    });
    const text = readFileSync(results, 'utf8');
    expect(
      text.startsWith('\uFEFF認定番号,氏名,郵便番号,都道府県,住所,送付先名称,判定,宛先要確認\r\n'),
    ).toBe(true);
    const rows = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[6]])).toEqual(
      [
        [passed, '合格'],
        [failed, '不合格'],
      ].sort((x, y) => x[0].localeCompare(y[0])),
    );
    expect(rows.every((r) => /^\d{3}-\d{4}$/.test(r[2]))).toBe(true);

    // No certification fee yet: 合格 is asked for it and gets no certificate.
    const requests = join(work, 'fee-requests.csv');
    await exportList('fee-requests', '--out', requests);
    expect(readFileSync(requests, 'utf8')).toContain(`${passed},`);
    expect(
      JSON.parse((await exportList('certificates', '--out', join(work, 'c0.csv'))).stdout).rows,
    ).toBe(0);

    // Paid: the certificate, in a print-ready workbook.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(
      `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
       VALUES ('2021', 'CERT-1', $1, '更新認定料', 22000, 110, '2022-03-20T10:00:00+09:00', 'クレジットカード', '入金済')`,
      [passed],
    );
    const book = join(work, 'certificates.xlsx');
    expect((await exportList('certificates', '--out', book)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book);
    // It opens on the list; the summary follows it.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['一覧', '集計']);
    const sheet = workbook.getWorksheet('一覧')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '認定番号',
      '氏名',
      '郵便番号',
      '都道府県',
      '住所',
      '送付先名称',
      '認定証番号',
      '更新認定日',
      '有効期限',
      '宛先要確認',
    ]);
    expect(sheet.rowCount).toBe(2);
    expect([
      sheet.getCell('A2').value,
      sheet.getCell('G2').value,
      sheet.getCell('H2').value,
      sheet.getCell('I2').value,
    ]).toEqual([passed, '2022-00001', '2022-04-01', '2027-03-31']);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      printTitlesRow: '1:1',
    });
    expect(workbook.getWorksheet('集計')!.getCell('B3').value).toBe(1);

    // CP932 on request: a character it cannot hold is reported, not silently lost.
    await sql.query(`UPDATE dossiers SET given_name = '𠮷子' WHERE cert_no = $1`, [passed]);
    await sql.end();
    const sjis = join(work, 'results-sjis.csv');
    const cp932 = await exportList('results', '--out', sjis, '--encoding', 'cp932');
    expect(cp932.code).toBe(0);
    const report = JSON.parse(cp932.stdout);
    expect(report.unrepresentable).toEqual([
      expect.objectContaining({ column: '氏名', characters: '𠮷' }),
    ]);
    expect(cp932.stderr).toMatch(/「𠮷」は CP932 で書けないため「\?」になりました/);
    expect(iconv.decode(readFileSync(sjis), 'cp932')).toContain('認定番号,氏名');

    const wrong = await exportList('diplomas', '--out', join(work, 'x.csv'));
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout).error).toBe(
      '一覧「diplomas」はありません。使える一覧: results, certificates, pin-badges, fee-requests, missing-items, result-letters, fee-request-letters',
    );

    // Address labels for the mail room: CP932 for Japan Post's tools, or a sheet of 12.
    const labels = join(work, 'labels.csv');
    const labelled = await exportList(
      'results',
      '--labels',
      '--out',
      labels,
      '--encoding',
      'cp932',
    );
    expect(labelled.code).toBe(0);
    expect(iconv.decode(readFileSync(labels), 'cp932').split('\r\n')[0]).toBe(
      '認定番号,郵便番号,住所1,住所2,住所3,組織名,部署名,姓,名,敬称,宛先要確認',
    );
    const labelSheet = join(work, 'labels.pdf');
    expect((await exportList('results', '--labels', '--out', labelSheet)).code).toBe(0);
    expect(readFileSync(labelSheet).subarray(0, 5).toString()).toBe('%PDF-');
    const badDay = await exportList(
      'result-letters',
      '--out',
      join(work, 'dated.pdf'),
      '--letter-date',
      '2022-13-01',
    );
    expect(badDay.code).toBe(2);

    // Result letters: one PDF per applicant in a folder, or merged; --pending leaves out the sent.
    const letters = join(work, 'letters');
    const each = await exportList('result-letters', '--out', letters);
    expect(each.code).toBe(0);
    expect(readdirSync(letters).sort()).toEqual([`${passed}.pdf`, `${failed}.pdf`].sort());
    const merged = await exportList(
      'result-letters',
      '--out',
      join(work, 'letters.pdf'),
      '--pending',
    );
    expect(JSON.parse(merged.stdout)).toMatchObject({
      rows: 2,
      files: [join(work, 'letters.pdf')],
    });
    expect(readFileSync(join(work, 'letters.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('an unknown command or a wrong variable exits 2 with a message that names it', async () => {
    const unknown = await runNode('cli.js', ['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/不明なコマンドです: frobnicate/);
    const badEnv = await runNode('cli.js', ['migrate'], { ...env, PORT: 'eighty' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/PORT="eighty" must be a whole number/);
  });
});
