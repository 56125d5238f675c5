#!/usr/bin/env node
/*
 * Console speed in a real browser (issue 18): a round of imported and checked dossiers, the
 * built console served by the product (compressed, hashed assets cached), Debian's Chromium
 * driven by playwright-core. Measured from the click to the content on screen:
 *   - list page change: 「次のページ」 until the first row of the next page is shown;
 *   - dossier page: a row clicked until the dossier's header and automatic verdict are shown.
 * Also reports what the first visit downloads (bytes on the wire) and what a second visit
 * takes from the browser's cache.
 *
 *   npm run bench:console [-- --applicants 300] [--repeat 20] [--port 3918]
 *
 * Targets: p95 list page change ≤ 300 ms, p95 dossier page ≤ 500 ms. Exits 1 when missed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumMissing, launchChromium } from '../test/support/chromium.mjs';
import { accountSession, assertBuilt, checkedRound, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '300' },
    repeat: { type: 'string', default: '20' },
    port: { type: 'string', default: '3918' },
  },
});
assertBuilt();
if (!existsSync(join(ROOT, 'dist', 'admin-ui', 'index.html'))) {
  console.error('dist/admin-ui is missing: run `npm run build` first');
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
  /** Of a page change, the list request's own time (request sent to its last byte). */
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
    await page.waitForFunction(
      (previous) => {
        // eslint-disable-next-line no-undef -- runs in the page
        const cell = document.querySelector('table tbody tr td:nth-child(2)');
        return cell && cell.textContent && cell.textContent.trim() !== previous.trim();
      },
      before,
      { timeout: 10000 },
    );
    pageChanges.push(performance.now() - t0);

    const row = page.locator('table tbody tr').nth(i % 50);
    const t1 = performance.now();
    await row.locator('td').nth(1).click();
    await page.locator('#dossier-header').getByText('自動判定').waitFor({ timeout: 10000 });
    dossierOpens.push(performance.now() - t1);
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
  console.log(`  of which the list request: ${summary(apiTimes)}`);
  console.log(`dossier page: ${summary(dossierOpens)} (target p95 ≤ 500 ms)`);
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
