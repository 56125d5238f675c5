#!/usr/bin/env node
/*
 * Console speed in a real browser (issue 18): a round of imported and checked dossiers, the
 * built console served by the product (compressed, hashed assets cached), Debian's Chromium
 * driven by playwright-core. Measured in the page, from the click event to the first frame with
 * the content in the document:
 *   - list page change: 「次のページ」 until the first row of the next page is shown;
 *   - dossier page: a row clicked until the dossier's header and automatic verdict are shown.
 * Also as the script sees it, from calling click() to its wait returning: that adds
 * Playwright's own work (finding the button by role, waiting for it to be stable, the round
 * trips to the browser), which on a loaded machine is 100 ms and more.
 * Also reports what the first visit downloads (bytes on the wire) and what a second visit
 * takes from the browser's cache.
 *
 *   npm run bench:console [-- --applicants 300] [--repeat 20] [--port 3918] [--console DIR]
 *
 * `--console` serves another build of the console (a copy of an earlier dist/admin-ui), to
 * compare two builds on the same machine in the same conditions.
 *
 * Targets (in the page): p95 list page change ≤ 300 ms, p95 dossier page ≤ 500 ms. Exits 1
 * when missed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumMissing, launchChromium } from '../test/support/chromium.mjs';
import { accountSession, assertBuilt, checkedRound, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '300' },
    repeat: { type: 'string', default: '20' },
    port: { type: 'string', default: '3918' },
    console: { type: 'string', default: join(ROOT, 'dist', 'admin-ui') },
  },
});
assertBuilt();
if (!existsSync(join(values.console, 'index.html'))) {
  console.error(`${values.console} has no console: run \`npm run build\` first`);
  process.exit(2);
}
if (chromiumMissing()) {
  console.error(chromiumMissing());
  process.exit(2);
}

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summary = (xs) =>
  `median ${percentile(xs, 50).toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} times)`;

const round = await checkedRound({
  applicants: values.applicants,
  port: values.port,
  prefix: 'shinsa-bench-console',
  env: { CONSOLE_DIR: resolve(values.console) },
});
const { base } = round;
let browser;
let failed;
try {
  // The secretariat's account, its one-time password changed through the API.
  const { password } = await accountSession(round, 'benchjimu');
  browser = await launchChromium();
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1440, height: 900 },
  });
  /** Bytes of the console's assets received over the wire by a page (cache hits count 0). */
  const trackAssets = (tab) => {
    const seen = { bytes: 0 };
    tab.on('requestfinished', async (request) => {
      if (!request.url().includes('/assets/')) return;
      const sizes = await request.sizes().catch(() => null);
      if (sizes) seen.bytes += Math.max(0, sizes.responseBodySize);
    });
    return seen;
  };
  // When the last click happened, in the page's clock (the event's own time stamp).
  await context.addInitScript(() => {
    // eslint-disable-next-line no-undef -- runs in the page
    addEventListener('click', (event) => (window.benchClickAt = event.timeStamp), true);
  });
  /** The value of `shown` in the page once it is truthy (there, the time since the click). */
  const waitInPage = async (tab, shown, arg) =>
    (await tab.waitForFunction(shown, arg, { timeout: 10000 })).jsonValue();
  const page = await context.newPage();
  const firstAssets = trackAssets(page);

  const started = performance.now();
  await page.goto(`${base}/`);
  await page.getByLabel('ユーザー名').fill('benchjimu');
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.locator('#dashboard-stages').waitFor({ timeout: 30000 });
  const firstLoad = performance.now() - started;

  const listUrl = `${base}/#/dossiers?filter=${encodeURIComponent('{"roundId":"2021"}')}&perPage=50&sort=certNo&order=ASC`;
  const pageChanges = [];
  const dossierOpens = [];
  const scriptPageChanges = [];
  const scriptDossierOpens = [];
  /**
   * Of a page change, a list request's own time (request sent to its last byte): the page is
   * fetched ahead, so this is the refetch of the page shown or the fetch of the next one.
   */
  const apiTimes = [];
  const repeat = Number(values.repeat);
  const firstCertNo = () =>
    page.locator('table tbody tr').first().locator('td').nth(1).innerText({ timeout: 10000 });
  for (let i = 0; i < repeat; i++) {
    await page.goto(listUrl);
    await page.locator('table tbody tr').first().waitFor({ timeout: 30000 });
    const before = await firstCertNo();
    const t0 = performance.now();
    const listAnswer = page.waitForResponse((r) => r.url().includes('/api/dossiers?'));
    await page.getByRole('button', { name: /次のページ|next page/i }).click();
    apiTimes.push(
      await listAnswer.then(async (r) => {
        await r.finished();
        return r.request().timing().responseEnd;
      }),
    );
    pageChanges.push(
      await waitInPage(
        page,
        (previous) => {
          /* eslint-disable no-undef -- runs in the page */
          const cell = document.querySelector('table tbody tr td:nth-child(2)');
          const shown = cell?.textContent && cell.textContent.trim() !== previous.trim();
          return shown && performance.now() - benchClickAt;
          /* eslint-enable no-undef */
        },
        before,
      ),
    );
    scriptPageChanges.push(performance.now() - t0);

    const row = page.locator('table tbody tr').nth(i % 50);
    const t1 = performance.now();
    await row.locator('td').nth(1).click();
    dossierOpens.push(
      await waitInPage(page, () => {
        /* eslint-disable no-undef -- runs in the page */
        const shown = document.querySelector('#dossier-header')?.textContent.includes('自動判定');
        return shown && performance.now() - benchClickAt;
        /* eslint-enable no-undef */
      }),
    );
    scriptDossierOpens.push(performance.now() - t1);
  }

  // A second visit in a new tab of the same browser: the hashed assets come from the cache.
  const again = await context.newPage();
  const secondAssets = trackAssets(again);
  const t2 = performance.now();
  await again.goto(`${base}/`);
  await again.locator('#dashboard-stages').waitFor({ timeout: 30000 });
  const secondLoad = performance.now() - t2;

  const listP95 = percentile(pageChanges, 95);
  const dossierP95 = percentile(dossierOpens, 95);
  console.log(`dossiers: ${values.applicants}`);
  console.log(
    `first visit to the dashboard: ${firstLoad.toFixed(0)} ms, ${(firstAssets.bytes / 1024).toFixed(0)} KiB of assets over the wire`,
  );
  console.log(
    `second visit (new tab): ${secondLoad.toFixed(0)} ms, ${(secondAssets.bytes / 1024).toFixed(0)} KiB of assets over the wire`,
  );
  console.log(`list page change: ${summary(pageChanges)} (target p95 ≤ 300 ms)`);
  console.log(`  as the script waits: ${summary(scriptPageChanges)}`);
  console.log(`  a list request meanwhile, the API's own time: ${summary(apiTimes)}`);
  console.log(`dossier page: ${summary(dossierOpens)} (target p95 ≤ 500 ms)`);
  console.log(`  as the script waits: ${summary(scriptDossierOpens)}`);
  failed = listP95 > 300 || dossierP95 > 500;
  console.log(failed ? 'target missed' : 'targets met');
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser?.close();
  await round.stop();
}
process.exit(failed ? 1 : 0);
