import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { compareWithExpected } from '../../bench/agreement-compare.mjs';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import { ImportService } from '../../server/imports/import.service.js';
import { RoundService } from '../../server/rounds/round.service.js';
import { copyBundle, generateBundle, writeCsv } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  loginAs,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The checks of rules.md run as queued jobs, against what the generator says they must find. */
describe('checks (rules.md) on an imported bundle', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let bundle: string;
  let expected: {
    applicants: Record<string, { defects: string[]; expect: Record<string, string> }>;
  };

  const importAndWait = async (source: string) => {
    const { report, queuedChecks } = await app.app
      .get(ImportService)
      .run({ roundId: '2021', source, requestedBy: 'test' });
    await app.app.get(CheckQueueService).waitFor(queuedChecks, { timeoutMs: 60000 });
    return report;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    bundle = generateBundle({ applicants: 120, seed: 21, defects: 0.5 });
    expected = JSON.parse(readFileSync(join(bundle, 'expected.json'), 'utf8'));
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('agrees with every outcome, count and verdict of the generator', async () => {
    await importAndWait(bundle);
    const applications = await app.app.get(ApplicationsReportService).listForRound('2021');
    expect(applications).toHaveLength(120);
    const { compared, differences } = compareWithExpected(expected, applications);
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(10000);
  });

  it('stores each result once per dossier, on its current revision', async () => {
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM check_results c,
              LATERAL (SELECT r->>'rule' AS rule, r->>'ref' AS ref, count(*) FROM jsonb_array_elements(c.results) r
                        GROUP BY 1, 2 HAVING count(*) > 1) AS twice`,
    );
    expect(rows[0].n).toBe(0);
    const stale = await sql.query(
      `SELECT count(*)::int AS n FROM check_results c JOIN dossiers d ON d.id = c.dossier_id WHERE c.revision <> d.revision`,
    );
    expect(stale.rows[0].n).toBe(0);
    const all = await sql.query(`SELECT count(*)::int AS n FROM check_results`);
    expect(all.rows[0].n).toBe(120);
  });

  it('judges a dossier again when a payment arrives for it', async () => {
    const missing = Object.entries(expected.applicants).find(([, a]) =>
      a.defects.includes('fee-missing'),
    );
    expect(missing).toBeDefined();
    const certNo = missing![0];
    const before = (await app.app.get(ApplicationsReportService).listForRound('2021')).find(
      (a) => a.certNo === certNo,
    )!;
    expect(before.checks.find((c) => c.rule === 'fee.review')?.outcome).toBe('fail');

    const payment = copyBundle(bundle, ['payments.csv']);
    writeCsv(payment, 'payments.csv', [
      ['取引番号', '認定番号', '費目', '金額', '事務手数料', '入金日時', '決済方法', '状態'],
      [
        'PAY-LATE-FIX',
        certNo,
        '更新審査料',
        '11000',
        '110',
        '2021/08/01 10:00',
        'コンビニ',
        '入金済',
      ],
    ]);
    const report = await importAndWait(payment);
    expect(report.queued).toBe(1);
    const after = (await app.app.get(ApplicationsReportService).listForRound('2021')).find(
      (a) => a.certNo === certNo,
    )!;
    expect(after.checks.find((c) => c.rule === 'fee.review')).toMatchObject({
      outcome: 'pass',
      ref: null,
    });
  });

  it('gives every result a Japanese message and diagnosis results their ICD-10 category', async () => {
    const applications = await app.app.get(ApplicationsReportService).listForRound('2021');
    const checks = applications.flatMap((a) => a.checks);
    expect(checks.every((c) => /[ぁ-んァ-ン一-龥]/.test(c.message))).toBe(true);
    const diagnosis = checks.filter((c) => c.rule === 'case.diagnosis');
    expect(diagnosis.every((c) => 'icd10' in c)).toBe(true);
    expect(checks.filter((c) => c.rule !== 'case.diagnosis').every((c) => !('icd10' in c))).toBe(
      true,
    );
  });

  it('judges every dossier of the round again when its settings change', async () => {
    const rounds = app.app.get(RoundService);
    const round = await rounds.get('2021');
    const feeOf = async () =>
      (await app.app.get(ApplicationsReportService).listForRound('2021'))
        .map((a) => a.checks.find((c) => c.rule === 'fee.review')!.outcome)
        .filter((o) => o === 'pass').length;
    expect(await feeOf()).toBeGreaterThan(50);
    await rounds.update(
      '2021',
      { ...round, fees: { ...round.fees, review: 12000 } },
      round.version,
    );
    await eventually(
      async () => (await feeOf()) === 0,
      30000,
      'every fee.review to see the new fee',
    );
    const latest = await rounds.get('2021');
    await rounds.update('2021', { ...latest, fees: round.fees }, latest.version);
    await eventually(async () => (await feeOf()) > 50, 30000, 'fee.review back to pass');
  });

  it('schedules a re-check at each deadline still to come, once', async () => {
    const queue = app.app.get(CheckQueueService);
    const asIf2021 = Date.parse('2021-01-01T00:00:00Z');
    expect(await queue.scheduleDeadlines(asIf2021)).toBe(3);
    expect(await queue.scheduleDeadlines(asIf2021)).toBe(3);
    expect(await queue.scheduleDeadlines()).toBe(0);
  });

  it('lists checks that failed after every retry for admins, who can run them again', async () => {
    const admin = await loginAs(app, 'admin1', 'admin');
    const secretariat = await loginAs(app, 'jimu1', 'secretariat');
    const certNo = Object.keys(expected.applicants)[0];
    await sql.query(
      `UPDATE dossiers SET inputs_version = inputs_version + 1, check_failed_version = inputs_version + 1,
              check_error = 'connection reset' WHERE cert_no = $1`,
      [certNo],
    );
    await secretariat.get('/api/check-failures').expect(403);
    const list = await admin.get('/api/check-failures').expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ roundId: '2021', certNo, error: 'connection reset' }),
    ]);
    await admin.post(`/api/check-failures/2021/${certNo}/retry`).expect(200);
    await eventually(
      async () => (await admin.get('/api/check-failures').expect(200)).body.length === 0,
      30000,
      'the retried check to pass',
    );
    await admin.post(`/api/check-failures/2021/${certNo}/retry`).expect(404);
  });
});
