import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { AuthService } from '../../server/auth/auth.service.js';
import { ARTEFACTS, expectText, openBrowser, submitLogin } from '../support/browser.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** What a person must never read: refs, rule IDs, react-admin's `#id` titles, i18n keys. */
const RAW =
  /case:\d|sheet:\d|attendance:\d|#\d{4}:|doc\.(seal|cover)|mail\.postmark|shinsa\.|resources\./;

/**
 * The audit log as the secretariat's daily tool, at 1440×900: filtered by dossier and action,
 * changes as named fields, a person's views of a dossier one row, and no horizontal scroll.
 */
describe('the audit log in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  let dossier: { id: string; certNo: string };
  let office: request.Agent;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    await app.app
      .get(AuthService)
      .createUser({ login: 'kanri', role: 'admin', password: TEST_PASSWORD });
    // Checked, as the documents' checklist needs.
    await importChecked(app, generateBundle({ applicants: 4, seed: 31 }));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    [dossier] = (
      await sql.query(
        `SELECT d.id::text AS id, d.cert_no AS "certNo" FROM dossiers d ORDER BY cert_no LIMIT 1`,
      )
    ).rows;
    office = await loginAs(app, 'jimu', 'secretariat');
    const base = `/api/dossiers/${dossier.id}`;
    // The secretariat reads the dossier, overrides a case, decides, reads again and decides again.
    await office.get(base).expect(200);
    await office.get(`${base}/documents`).expect(200);
    await office.get(`${base}/decisions`).expect(200);
    await office
      .put(`${base}/overrides`)
      .send({ ref: 'case:1-1', accepted: false, reason: '病理診断が一致しない' })
      .expect(200);
    // A long note with no space to break at: the changes cell must wrap it, not scroll.
    await office
      .put(`${base}/documents`)
      .send({
        rule: 'doc.cover',
        ref: null,
        status: 'missing',
        note: '公印'.repeat(20) + 'https://example.jp/' + 'x'.repeat(200),
        expected: null,
      })
      .expect(200);
    const first = await office
      .post(`${base}/decisions`)
      .send({
        decision: '保留',
        reasonCodes: ['H02'],
        reason: '申請者に照会中',
        expectedCurrentId: null,
      })
      .expect(201);
    await office.get(base).expect(200);
    await office.get(base).expect(200);
    await office
      .post(`${base}/decisions`)
      .send({
        decision: '不合格',
        reasonCodes: ['F01'],
        reason: '症例数が足りない',
        expectedCurrentId: first.body.decision.id,
      })
      .expect(201);
    ({ browser, page } = await openBrowser({ width: 1440, height: 900 }));
  });

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  /** The page and the log's table scroll no wider than the window (pixels beyond it). */
  const horizontalOverflow = async () => {
    const overflow = (box: { scrollWidth: number; clientWidth: number }) =>
      box.scrollWidth - box.clientWidth;
    return {
      page: await page.locator('html').evaluate(overflow),
      table: await page.locator('table').first().locator('xpath=..').evaluate(overflow),
    };
  };

  it('shows the changes of a dossier as named fields, its views left out', async () => {
    await page.goto(`${app.baseUrl}/#/audit-events`);
    await submitLogin(page, 'kanri', TEST_PASSWORD);
    await page.getByLabel('申請(認定番号・氏名)').fill(dossier.certNo, { timeout: 20000 });
    const table = page.locator('table');
    const text = await expectText(table, {
      contains: [
        '判定: 保留 → 不合格',
        '理由: 申請者に照会中 → 症例数が足りない',
        '対象: 症例一覧表(1) 1 行目',
        '委員の判断: 不採用',
        '確認項目: 表紙(署名・押印)',
        '状態: 不足',
        `申請 ${dossier.certNo}`,
      ],
    });
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/閲覧 ×|公表|\(なし\)/);
    expect(await horizontalOverflow()).toEqual({ page: 0, table: 0 });
  });

  it('shows views, when asked, as one row per run with its times', async () => {
    await page.getByLabel('閲覧を含める').check();
    const text = await expectText(page.locator('table'), {
      contains: [/閲覧 ×3\(\d{2}:\d{2}–\d{2}:\d{2}\)/, /閲覧 ×2\(/, '閲覧したもの: '],
    });
    expect(text).not.toMatch(RAW);
    await page.screenshot({ path: join(ARTEFACTS, 'audit-log-views.png') });
  });

  it('filters by action and fits the page at 1440×900', async () => {
    await page.getByRole('combobox', { name: '操作' }).click();
    await page.getByRole('option', { name: '判定の記録' }).click();
    await eventually(
      async () => {
        const rows = await page.locator('table tbody tr').count();
        return rows === 2;
      },
      10000,
      'the two decisions alone',
    );
    const text = await expectText(page.locator('table tbody'), {
      contains: ['判定: 保留 → 不合格', '理由コード: 症例数の不足'],
    });
    expect(text).not.toMatch(/閲覧 ×|委員の判断/);
    expect(await horizontalOverflow()).toEqual({ page: 0, table: 0 });
    await page.screenshot({ path: join(ARTEFACTS, 'audit-log-decisions.png') });
  });

  it("shows the dossier's history tab with its views collapsed and readable changes", async () => {
    await page.goto(`${app.baseUrl}/#/dossiers/${dossier.id}/show`);
    await page.getByRole('tab', { name: '履歴' }).click({ timeout: 20000 });
    const text = await expectText(page.locator('#dossier-history'), {
      contains: ['判定: 保留 → 不合格', /閲覧 ×\d+\(/, '対象: 症例一覧表(1) 1 行目'],
    });
    expect(text).not.toMatch(RAW);
    expect(await horizontalOverflow()).toMatchObject({ page: 0 });
    await page.screenshot({ path: join(ARTEFACTS, 'dossier-history.png') });
  });
});
