import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTEFACTS, expectText, openBrowser, submitLogin } from '../support/browser.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  importChecked,
  loginAs,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** An admin previews a template on an applicant, drafts payment requests and approves them. */
describe('e-mail outbox in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let passed: { id: string; certNo: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    [passed] = await importChecked(app, generateBundle({ applicants: 3, seed: 7, defects: 0 }));
    const admin = await loginAs(app, 'chair', 'admin');
    await admin
      .post(`/api/dossiers/${passed.id}/decisions`)
      .send({
        decision: '合格',
        reasonCodes: ['P01'],
        reason: '委員会で確認',
        expectedCurrentId: null,
      })
      .expect(201);
    await admin.post('/api/decisions/release').send({ roundId: '2021' }).expect(200);
    ({ browser, page } = await openBrowser({ width: 1440, height: 900 }));
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('previews, drafts, approves, and keeps the message 未送信 without SMTP', async () => {
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'chair', TEST_PASSWORD);
    await page.locator('#dashboard').waitFor({ timeout: 20000 });

    await page.goto(`${app.baseUrl}/#/mail-templates/payment-request`);
    await page.locator('#template-subject').waitFor({ timeout: 20000 });
    await page.locator('#template-preview-applicant').fill(passed.certNo);
    await page.getByRole('option', { name: new RegExp(passed.certNo) }).click();
    await expectText(page.locator('#template-preview'), {
      contains: ['更新認定料のお支払いのお願い', 'お支払い額: 22,110円'],
    });
    await page.screenshot({ path: join(ARTEFACTS, 'outbox-template.png') });

    await page.goto(`${app.baseUrl}/#/mail-batches`);
    await page.locator('#mail-batch-create').click();
    await page.locator('#mail-batch-due-by').fill('2099-04-30');
    await page.locator('#mail-batch-submit').click();
    await page.getByText('下書きを 1 通作りました').waitFor({ timeout: 10000 });
    await page.getByRole('cell', { name: '更新認定料のお支払いのお願い' }).click();
    await page.locator('#mail-batch-approve').click();
    await page.locator('#mail-batch-approve-confirm').click();
    await page.getByText('1 通を承認しました').waitFor({ timeout: 10000 });
    await page.reload();
    await expectText(page.locator('.mail-status').first(), '未送信');
    await page.screenshot({ path: join(ARTEFACTS, 'outbox-batch.png'), fullPage: true });
  });
});
