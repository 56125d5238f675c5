import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import {
  ARTEFACTS,
  expectCount,
  expectText,
  openBrowser,
  submitLogin,
} from '../support/browser.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  importChecked,
  eventually,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The secretariat verifies a dossier's documents beside its scanned pages. */
describe('document verification in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  let dossier: { id: string; certNo: string };
  let bundleDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    await app.app
      .get(AuthService)
      .createUser({ login: 'jimu', role: 'secretariat', password: TEST_PASSWORD });
    await importChecked(
      app,
      (bundleDir = generateBundle({ applicants: 3, seed: 41, defects: 0, scans: true })),
    );
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    [dossier] = (
      await sql.query(
        `SELECT d.id::text AS id, d.cert_no AS "certNo" FROM dossiers d
          WHERE EXISTS (SELECT 1 FROM envelopes e JOIN envelope_scans s USING (round_id, receipt_no)
                         WHERE e.cert_no = d.cert_no)
          ORDER BY d.cert_no LIMIT 1`,
      )
    ).rows;
    ({ browser, page } = await openBrowser({ width: 1600, height: 1000 }));
  });

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('shows the scans beside the checklist and records found and insufficient', async () => {
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'jimu', TEST_PASSWORD);
    await page.locator('#dashboard').waitFor({ timeout: 20000 });
    await page.goto(`${app.baseUrl}/#/dossiers/${dossier.id}/show/mail`);
    const firstPage = page.locator('#scans img').first();
    await firstPage.waitFor({ timeout: 20000 });
    await eventually(async () =>
      (await firstPage.evaluate(
        (img) => (img as unknown as { naturalWidth: number }).naturalWidth,
      )) === 600
        ? true
        : null,
    );

    const cover = page.locator('[data-item="doc.cover@"]');
    // The seal detector has read the cover: its proposal waits for a person.
    await eventually(
      async () => {
        await page.reload();
        await cover.waitFor({ timeout: 10000 });
        return (await cover.locator('.seal-detector').count()) > 0 ? true : null;
      },
      20000,
      'the seal detector',
    );
    await expectText(cover.locator('.seal-detector'), { contains: ['自動検出: 印影あり'] });
    await cover.getByRole('button', { name: '確認済み' }).click();
    await cover.getByText('jimu').waitFor({ timeout: 10000 });

    const proof = page.locator('[data-item="doc.attendance@attendance:1"]');
    page.once('dialog', (dialog) => void dialog.accept('ポスター発表のプログラムで参加証ではない'));
    await proof.getByRole('button', { name: '不十分' }).click();
    await proof.getByText('jimu').waitFor({ timeout: 10000 });
    // The checks ran again: the item fails with the note, once the page shows the new results.
    await eventually(
      async () => {
        await page.reload();
        const text = await page
          .locator('[data-item="doc.attendance@attendance:1"]')
          .innerText({ timeout: 10000 });
        return text.includes('参加証明(1)が不十分です(ポスター発表のプログラムで参加証ではない)')
          ? true
          : null;
      },
      20000,
      'the re-checked attendance proof',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'documents-verified.png'), fullPage: true });
    const { rows } = await sql.query(
      `SELECT rule, ref, status FROM document_checks WHERE dossier_id = $1 ORDER BY rule`,
      [dossier.id],
    );
    expect(rows).toEqual([
      { rule: 'doc.attendance', ref: 'attendance:1', status: 'insufficient' },
      { rule: 'doc.cover', ref: '', status: 'found' },
    ]);
  });

  it('registers an envelope for the applicant and uploads its scan', async () => {
    await page.goto(`${app.baseUrl}/#/envelopes/create`);
    await page.getByLabel('年度').click({ timeout: 20000 });
    await page.getByRole('option', { name: '2021年度' }).click();
    await page.getByLabel('到着日').fill('2021-09-25');
    await page.getByLabel('郵便種別').click();
    await page.getByRole('option', { name: '一般書留' }).click();
    await page.getByLabel('申請者(認定番号・氏名・カナで検索)').fill(dossier.certNo);
    await page
      .getByRole('option', { name: new RegExp(`^${dossier.certNo} `) })
      .click({ timeout: 10000 });
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/envelopes\/2021%3AR2021-/, { timeout: 10000 });
    const [scan] = (
      await sql.query(
        `SELECT s.file_name FROM envelope_scans s JOIN envelopes e USING (round_id, receipt_no)
          WHERE e.cert_no = $1 LIMIT 1`,
        [dossier.certNo],
      )
    ).rows;
    expect(scan).toBeDefined();
    await page.locator('#scan-files').setInputFiles(join(bundleDir, 'scans', scan.file_name));
    await page.getByText('スキャンを 1 枚追加しました').waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'envelope-registered.png') });
    const { rows } = await sql.query(
      `SELECT e.mail_kind, e.source, count(s.*)::int AS scans
         FROM envelopes e LEFT JOIN envelope_scans s USING (round_id, receipt_no)
        WHERE e.cert_no = $1 AND e.source = 'console' GROUP BY 1, 2`,
      [dossier.certNo],
    );
    expect(rows).toEqual([{ mail_kind: '一般書留', source: 'console', scans: 1 }]);
  });

  it('issues the deficiency notices of the round', async () => {
    await page.goto(
      `${app.baseUrl}/#/deficiency-notices?filter=${encodeURIComponent('{"roundId":"2021"}')}`,
    );
    await page.locator('#notices-issue').click({ timeout: 20000 });
    await page.locator('#notices-resubmit-by').fill('2099-01-31');
    await page.locator('#notices-submit').click();
    await page
      .getByText('不備通知を 1 件作成しました(前回と同じ内容のため作成しなかった申請 0 件)')
      .waitFor({ timeout: 10000 });
    await page
      .getByText('参加証明(1)が不十分です(ポスター発表のプログラムで参加証ではない)')
      .waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'deficiency-notices.png') });
  });

  it("writes the round's mailing lists in the background and records the mailing", async () => {
    // One applicant decided 合格 and released (the committee's work is tested elsewhere).
    await sql.query(
      `INSERT INTO decisions (dossier_id, decision, reason_codes, revision, decided_by, released_by, released_at)
       SELECT id, '合格', '{P01}', revision, 'jimu', 'jimu', now() FROM dossiers WHERE id = $1`,
      [dossier.id],
    );
    await page.goto(`${app.baseUrl}/#/mailing-lists`);
    const results = page.locator('[data-list="results"]');
    await results.getByText('審査結果通知').waitFor({ timeout: 20000 });
    await expectCount(page.locator('[data-list]'), 5);
    // Recipients and still to send; the applicant told of a deficiency is on missing-items.
    await expectText(results.locator('td').nth(1), '1');
    await expectText(results.locator('td').nth(2), '1');
    await expectText(page.locator('[data-list="missing-items"] td').nth(1), '1');

    await page
      .locator('[data-list="missing-items"]')
      .getByRole('button', { name: 'CSV (Shift_JIS)' })
      .click();
    await results.getByRole('button', { name: '結果通知書(PDF)' }).click();
    const letters = page.locator('[data-export="result-letters"][data-status="done"]');
    await letters.waitFor({ timeout: 20000 });
    await letters.getByRole('link', { name: 'result-letters-2021.pdf' }).waitFor();
    await page
      .locator('[data-export="missing-items"][data-status="done"]')
      .getByRole('link', { name: 'missing-items-2021.csv' })
      .waitFor({ timeout: 20000 });
    const href = await letters.getByRole('link').first().getAttribute('href');
    const pdf = await page.evaluate(
      async (url) => (await fetch(url!)).headers.get('content-type'),
      href,
    );
    expect(pdf).toBe('application/pdf');

    await page.getByRole('button', { name: '未発送の 1 件を発送済みにする' }).click();
    await page.getByText(/1 件を \d{4}-\d{2}-\d{2} に発送済みとして記録しました/).waitFor();
    await expectText(results.locator('td').nth(2), '0');
    await page.screenshot({ path: join(ARTEFACTS, 'mailing-lists.png') });
    await page.getByRole('link', { name: '発送記録の一覧(追跡番号・返送の入力)' }).click();
    await page.screenshot({ path: join(ARTEFACTS, 'dispatches.png') });
    await page.getByText(dossier.certNo).first().waitFor({ timeout: 10000 });
    await expectText(page.locator('body'), { contains: ['審査結果通知'] });
    await page.screenshot({ path: join(ARTEFACTS, 'dispatches.png') });
  });

  it('shows payments with their reconciliation', async () => {
    await page.goto(`${app.baseUrl}/#/payments?filter=${encodeURIComponent('{"roundId":"2021"}')}`);
    await page.getByText('照合済み').first().waitFor({ timeout: 20000 });
    await expectText(page.locator('body'), { contains: ['更新審査料'] });
    await page.screenshot({ path: join(ARTEFACTS, 'payments.png') });
  });
});
