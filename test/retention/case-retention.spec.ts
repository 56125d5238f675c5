import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { CaseRetentionService } from '../../server/retention/case-retention.service.js';
import { ScanStore } from '../../server/scans/scan-store.js';
import { csvRows, generateBundle } from '../support/bundles.js';
import { scanBundleEnvelopes } from '../support/scan-pages/bundle-envelopes.js';
import {
  createTestDatabase,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** Patients' data is kept so many years after the round's renewal date, then purged. */
describe('retention of case details', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let retention: CaseRetentionService;
  let bundleDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    bundleDir = generateBundle({ applicants: 2, seed: 5, defects: 0, scans: true });
    // One envelope as a scanner makes it (a PDF of real pages), read by the reader.
    const [certNo] = csvRows(bundleDir, 'applicants.csv').map((r) => r[0]);
    await scanBundleEnvelopes(bundleDir, [{ certNo, effect: 'clean' }]);
    await importChecked(app, bundleDir, { readScans: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    retention = app.app.get(CaseRetentionService);
  }, 240000); // reading the scanned pages

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  it('refuses before the years kept have passed, naming the day it may', async () => {
    const plan = await retention.plan('2021', '2026-12-04');
    expect(plan).toMatchObject({ years: 5, due: false, purgedAt: null });
    await expect(retention.purge('2021', 'admin', '2026-12-04')).rejects.toThrow(
      `まで保存します(更新日`,
    );
  });

  it('purges ages, sexes, diagnoses and case sheets, keeping counts, verdicts and decisions', async () => {
    const admin = await loginAs(app, 'ops', 'admin');
    const [{ id }] = (
      await sql.query(
        `SELECT id::text FROM dossiers WHERE round_id = '2021' ORDER BY cert_no LIMIT 1`,
      )
    ).rows;
    const before = (await admin.get(`/api/dossiers/${id}`).expect(200)).body;
    const sheet = (
      await sql.query(
        `SELECT p.sha256, p.display_sha256, f.media_type FROM scan_pages p
           JOIN scan_files f ON f.sha256 = p.sha256 JOIN dossiers d ON d.id = $1::bigint
          WHERE p.kind = 'sheet' LIMIT 1`,
        [id],
      )
    ).rows[0];
    expect(sheet).toBeDefined();

    const plan = await retention.preview('2021', 'ops');
    const purgeDay = plan.purgeableFrom;
    expect(plan.pending.cases).toBeGreaterThan(20);
    expect(plan.pending.caseResults).toBeGreaterThan(0);
    expect(plan.pending.sheetPages).toBeGreaterThan(0);
    expect(plan.pending.files).toBeGreaterThan(0);
    const { removed, filesDeleted } = await retention.purge('2021', 'ops', purgeDay);
    expect(removed).toEqual(plan.pending);
    expect(filesDeleted).toBe(plan.pending.files);

    // Nothing of the patients is left; a second purge has nothing to do.
    expect((await retention.plan('2021', purgeDay)).pending).toEqual({
      dossiers: 0,
      cases: 0,
      caseResults: 0,
      sheetPages: 0,
      files: 0,
      bytes: 0,
    });
    const { rows: left } = await sql.query(
      `SELECT count(*)::int AS n FROM dossier_revisions r, jsonb_array_elements(r.cases) c
        WHERE c->>'diagnosis' <> '' OR c->'age' <> 'null'::jsonb OR c->>'sex' <> ''`,
    );
    expect(left[0].n).toBe(0);
    const store = app.app.get(ScanStore);
    expect(existsSync(store.pathOf(sheet.sha256, sheet.media_type))).toBe(false);
    const gone = await admin.get(`/api/dossiers/${id}/scans/${sheet.display_sha256}`).expect(404);
    expect(gone.body.message).toContain('保存期間を過ぎて削除しました');

    // The dossier keeps its verdict and counts; the case results say why they are bare.
    const after = (await admin.get(`/api/dossiers/${id}`).expect(200)).body;
    expect(after.verdict).toBe(before.verdict);
    expect(after.counts).toEqual(before.counts);
    const { rows: results } = await sql.query(
      `SELECT e->>'message' AS message FROM check_results k, jsonb_array_elements(k.results) e
        WHERE e->>'ref' LIKE 'case:%'`,
    );
    expect(new Set(results.map((r) => r.message))).toEqual(
      new Set(['保存期間を過ぎたため症例の内容は削除しました']),
    );
    // The purge and its dry run are in the audit trail.
    const { rows: audit } = await sql.query(
      `SELECT action, actor FROM audit_events WHERE action LIKE 'round.case-%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'round.case-purge-previewed', actor: 'ops' },
      { action: 'round.case-details-purged', actor: 'ops' },
    ]);
    expect(join(store.pathOf(sheet.sha256, sheet.media_type))).toContain('scans');
  });
});
