import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTEFACTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** An account made by an admin: the first login leads to the password change, in Japanese. */
describe('first login in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-ipaexfont`);
    mkdirSync(ARTEFACTS, { recursive: true });
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false, console: true });
    await app.app.get(AuthService).createUser({
      login: 'iin-first',
      role: 'reviewer',
      password: 'given-by-admin-1',
      displayName: '審査 委員',
      mustChangePassword: true,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    page = await browser.newPage({
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('sends the first login to the password change, then lets the reviewer in', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('ユーザー名').fill('iin-first');
    await page.getByLabel('パスワード').fill('given-by-admin-1');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('button', { name: '変更する' }).waitFor({ timeout: 20000 });
    expect(page.url()).toContain('#/password');
    await page.locator('#currentPassword').fill('given-by-admin-1');
    await page.locator('#newPassword').fill('iin-first');
    await page.locator('#confirmPassword').fill('iin-first');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByText('10 文字以上にしてください').waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'password-refused.png') });
    await page.locator('#newPassword').fill('reviewer-own-password');
    await page.locator('#confirmPassword').fill('reviewer-own-password');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByText('パスワードを変更しました').waitFor({ timeout: 10000 });
    await page.getByRole('menuitem', { name: '年度' }).click({ timeout: 20000 });
    await page.getByText('2021年度').first().waitFor({ timeout: 20000 });
    await page.screenshot({ path: join(ARTEFACTS, 'password-changed.png') });
  });
});
