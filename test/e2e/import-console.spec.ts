import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import { ARTEFACTS, expectText, openBrowser, submitLogin } from '../support/browser.js';
import { copyBundle, editCsv, generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The secretariat imports the nightly files in the console and reads the report. */
describe('import page in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      workers: true,
      console: true,
    });
    await app.app.get(AuthService).createUser({
      login: 'jimu',
      role: 'secretariat',
      password: 'console-password-1',
      displayName: '事務局 担当',
    });
    ({ browser, page } = await openBrowser({ width: 1280, height: 1000 }));
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'jimu', 'console-password-1');
    await page.getByRole('menuitem', { name: '取り込み' }).waitFor({ timeout: 20000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('uploads the CSV files of a bundle and shows the report with the refused row', async () => {
    const bundle = copyBundle(generateBundle({ applicants: 10, seed: 5 }));
    editCsv(bundle, 'cases.csv', (records) => {
      records[3][7] = 'abc';
      return records;
    });
    await page.goto(`${app.baseUrl}/#/imports/create`);
    await page
      .getByText('文字コード(Shift_JIS / UTF-8)は自動で判別します')
      .waitFor({ timeout: 10000 });
    await page.getByRole('combobox', { name: '年度' }).click();
    await page.getByRole('option', { name: '2021年度' }).click();
    const files = readdirSync(bundle)
      .filter((n) => n.endsWith('.csv'))
      .map((n) => join(bundle, n));
    await page.locator('input[type=file]').setInputFiles(files);
    await page.screenshot({ path: join(ARTEFACTS, 'import-upload.png') });
    await page.getByRole('button', { name: '取り込みを始める' }).click();

    await page.getByText('一部の行を取り込めず').waitFor({ timeout: 30000 });
    await page.getByText('取り込めなかった行(1 件)').waitFor();
    const text = await expectText(page.locator('body'), {
      contains: [
        '年齢が数値ではありません(「abc」)',
        '新規の申請 9 件',
        '取り込めなかった申請 1 件',
      ],
    });
    expect(text).not.toMatch(/shinsa\.imports|resources\.imports/);
    await page.screenshot({ path: join(ARTEFACTS, 'import-report.png'), fullPage: true });
  });

  it('lists the import in the history and the meetings of the master data, in Japanese', async () => {
    await page.getByRole('menuitem', { name: '取り込み' }).click();
    await page.getByText('一部の行を取り込めず').first().waitFor({ timeout: 10000 });
    await page.getByRole('menuitem', { name: '学術集会' }).click();
    await page.getByText('学術集会コード').first().waitFor({ timeout: 10000 });
    await expectText(page.locator('body'), { contains: ['開催開始日', /M20\d\d-\d{3}/] });
    await page.screenshot({ path: join(ARTEFACTS, 'meetings.png') });
    await page.getByRole('menuitem', { name: '未照合データ' }).click();
    await page.getByText('認定番号').first().waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'unmatched.png') });
  });

  it('says a failed import wrote nothing and what to do, and opens the upload again', async () => {
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const [retrying, failed] = [randomUUID(), randomUUID()];
    try {
      // One waiting for its automatic retry (queued with the error), one that failed for good.
      await sql.query(
        `INSERT INTO imports (id, round_id, source_name, status, error, requested_by, heartbeat_at)
         VALUES ($1, '2021', 'nightly.zip', 'queued', 'Connection terminated', 'jimu', now()),
                ($2, '2021', 'nightly.zip', 'failed', $3, 'jimu', now())`,
        [
          retrying,
          failed,
          '何度か自動で取り込み直しましたが、そのたびにエラーになりました(disk full)。',
        ],
      );
    } finally {
      await sql.end();
    }
    await page.goto(`${app.baseUrl}/#/imports/${retrying}/show`);
    await expectText(page.locator('#import-retrying'), {
      contains: ['データは書き込まれていません', '自動でもう一度取り込みます(再試行中)'],
    });
    await page.goto(`${app.baseUrl}/#/imports/${failed}/show`);
    await expectText(page.locator('#import-failed'), {
      contains: ['取り込めませんでした。データは書き込まれていません', 'disk full'],
    });
    await page.screenshot({ path: join(ARTEFACTS, 'import-failed.png') });
    await page.getByRole('link', { name: 'もう一度取り込む' }).click();
    await page.waitForURL(/#\/imports\/create/, { timeout: 10000 });
    await expectText(page.getByRole('combobox', { name: '年度' }), '2021年度');
  });
});
