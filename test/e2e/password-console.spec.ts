import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import { ARTEFACTS, openBrowser, submitLogin } from '../support/browser.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

/** An account made by an admin: the first login leads to the password change, in Japanese. */
describe('first login in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false, console: true });
    await app.app.get(AuthService).createUser({
      login: 'iin-first',
      role: 'reviewer',
      password: 'given-by-admin-1',
      displayName: '審査 委員',
      mustChangePassword: true,
    });
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('sends the first login to the password change, then lets the reviewer in', async () => {
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'iin-first', 'given-by-admin-1');
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
    await page.getByRole('cell', { name: '2021年度' }).waitFor({ timeout: 20000 });
    await page.screenshot({ path: join(ARTEFACTS, 'password-changed.png') });
  });
});
