import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import { ARTEFACTS, expectText, openBrowser } from '../support/browser.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

/** The console in Debian's Chromium: Japanese labels (never raw i18n keys), login, rounds. */
describe('console in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false, console: true });
    await app.app.get(AuthService).createUser({
      login: 'admin',
      role: 'admin',
      password: 'console-password-1',
      displayName: '事務局 管理者',
    });
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('shows the login page in Japanese, not as i18n keys', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('button', { name: 'ログイン' }).waitFor({ timeout: 20000 });
    // The reading that shows the labels must show no i18n key either.
    const text = await expectText(page.locator('body'), { contains: ['ユーザー名'] });
    expect(text).not.toMatch(/ra\.auth\.|ra\.action\./);
    await page.screenshot({ path: join(ARTEFACTS, 'login.png') });
  });

  it('tells a wrong password in Japanese', async () => {
    await page.getByLabel('ユーザー名').fill('admin');
    await page.getByLabel('パスワード').fill('wrong-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByText('ログイン名またはパスワードが違います').waitFor({ timeout: 10000 });
  });

  it('logs in and lists the rounds with Japanese labels', async () => {
    await page.getByLabel('パスワード').fill('console-password-1');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('menuitem', { name: '年度' }).click({ timeout: 20000 });
    // The dashboard shows 2021年度 too (its round select): wait for the rounds list itself.
    await page.waitForURL(/#\/rounds/, { timeout: 10000 });
    await page.getByRole('cell', { name: '2021年度' }).waitFor({ timeout: 20000 });
    const text = await expectText(page.locator('body'), { contains: ['年度', '申請登録期限'] });
    expect(text).not.toMatch(/resources\.rounds|ra\.(action|navigation|page)\./);
    await page.screenshot({ path: join(ARTEFACTS, 'rounds-list.png') });
  });

  it('lets an admin edit a round and save it', async () => {
    await page.getByRole('cell', { name: '2021年度' }).click();
    await page.waitForURL(/rounds\/2021/, { timeout: 10000 });
    const label = page.getByRole('textbox', { name: '表示名' });
    await label.waitFor({ timeout: 10000 });
    await label.fill('2021年度(確認)');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('年度設定を保存しました').waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'round-saved.png') });
    const response = await page.request.get(`${app.baseUrl}/api/rounds/2021`);
    expect((await response.json()).label).toBe('2021年度(確認)');
  });
});
