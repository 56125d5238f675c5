import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of the browser tests, kept as CI artefacts. */
export const ARTEFACTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * Debian's Chromium (never a downloaded browser) and a page set up as the secretariat's PCs
 * are: Japanese locale, Japan time.
 */
export async function openBrowser(
  viewport = { width: 1280, height: 900 },
): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install chromium fonts-ipaexfont (.ci/run does it)`,
    );
  }
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'admin-ui', 'index.html'))) {
    throw new Error('dist/admin-ui is missing: run `npm run build` (npm test does it) first');
  }
  mkdirSync(ARTEFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport });
  return { browser, page };
}

/** Fills the console's login form and submits it. */
export async function submitLogin(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('ユーザー名').fill(login);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
