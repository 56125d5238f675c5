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
  eventually,
  importChecked,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/**
 * The secretariat's day in the console: the dashboard, the list filtered from it and saved as a
 * shared view, a bulk hold, and going through dossiers with the keyboard.
 */
describe('the review console in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  let dossiers: { id: string; certNo: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    await app.app
      .get(AuthService)
      .createUser({ login: 'jimu', role: 'secretariat', password: TEST_PASSWORD });
    const imported = await importChecked(
      app,
      generateBundle({ applicants: 15, seed: 21, defects: 0.3 }),
    );
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    dossiers = imported;
    ({ browser, page } = await openBrowser({ width: 1440, height: 900 }));
  });

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('opens on the dashboard and goes from a rule to the list of its dossiers', async () => {
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'jimu', TEST_PASSWORD);
    await page.locator('#dashboard-stages').waitFor({ timeout: 20000 });
    await expectText(page.locator('#dashboard-stages'), {
      contains: ['取り込み', String(dossiers.length)],
    });
    await expectText(page.locator('#dashboard-today'), {
      contains: ['審査委員が決まっていない申請'],
    });
    await page.screenshot({ path: join(ARTEFACTS, 'dashboard.png'), fullPage: true });

    await page.locator('#dashboard-rules').getByText('表紙(署名・押印)').waitFor();
    await page.locator('#dashboard-rules a').first().click();
    await page.waitForURL(/#\/dossiers/, { timeout: 10000 });
    await page.getByText(dossiers[0].certNo).waitFor({ timeout: 20000 });
  });

  it('filters the list by review fee and saves it as a shared view', async () => {
    const unpaid = (
      await sql.query(
        `SELECT d.cert_no FROM dossiers d JOIN check_results c ON c.dossier_id = d.id
          WHERE c.outcomes->>'fee.review' <> 'pass' ORDER BY 1`,
      )
    ).rows.map((r) => r.cert_no as string);
    expect(unpaid.length).toBeGreaterThan(0);
    expect(unpaid.length).toBeLessThan(dossiers.length);
    const paidOne = dossiers.find((d) => !unpaid.includes(d.certNo))!;
    const filter = encodeURIComponent(JSON.stringify({ roundId: '2021', fee: 'pass' }));
    await page.goto(`${app.baseUrl}/#/dossiers?filter=${filter}`);
    await page.getByText(paidOne.certNo).waitFor({ timeout: 20000 });
    // The list of the previous page may still show until the filtered one arrives.
    await eventually(
      async () => (await page.getByText(unpaid[0], { exact: true }).count()) === 0,
      10000,
      'the filtered list',
    );

    await page.locator('#view-save').click();
    await page.locator('#view-name').fill('審査料の入金済み');
    await page.getByLabel('事務局の全員と共有する').check();
    await page.locator('#view-submit').click();
    await page.getByText('ビュー「審査料の入金済み」を保存しました').waitFor({ timeout: 10000 });
    const { rows } = await sql.query(`SELECT name, filter, shared, owner FROM saved_views`);
    expect(rows).toEqual([
      {
        name: '審査料の入金済み',
        filter: { roundId: '2021', fee: 'pass' },
        shared: true,
        owner: 'jimu',
      },
    ]);
    await page.screenshot({ path: join(ARTEFACTS, 'list-filtered-view.png') });

    // Deleting it asks first: Esc keeps it, 削除 in the dialog deletes it.
    const remove = page.locator('#saved-views').getByRole('button', { name: '削除' });
    await remove.click();
    const confirm = page.getByRole('dialog');
    await expectText(confirm, { contains: ['ビュー「審査料の入金済み」を削除しますか?'] });
    await page.keyboard.press('Escape');
    await expectCount(confirm, 0);
    await remove.click();
    await confirm.getByRole('button', { name: '削除' }).click();
    await page.getByText('ビューを削除しました').waitFor({ timeout: 10000 });
    expect((await sql.query(`SELECT count(*)::int AS n FROM saved_views`)).rows[0].n).toBe(0);
  });

  it('puts two dossiers on hold from the list', async () => {
    await page.goto(`${app.baseUrl}/#/dossiers?filter=${encodeURIComponent('{"roundId":"2021"}')}`);
    for (const d of dossiers.slice(0, 2)) {
      await page
        .getByRole('row')
        .filter({ hasText: d.certNo })
        .getByRole('checkbox')
        .check({ timeout: 20000 });
    }
    await page.locator('#hold-open').click();
    // Without a reason it is refused, and says so.
    await page.locator('#hold-submit').click();
    await page.getByText('保留の理由を選ぶか書いてください').waitFor({ timeout: 10000 });
    await page.getByLabel('H01 書類の到着待ち').check();
    await page.locator('#hold-submit').click();
    await page.getByText('保留 2 件・変更なし 0 件・対象外 0 件').waitFor({ timeout: 10000 });
    const held = await sql.query(
      `SELECT count(*)::int AS n FROM decisions WHERE decision = '保留' AND superseded_at IS NULL`,
    );
    expect(held.rows[0].n).toBe(2);
  });

  it('goes through dossiers with the keyboard: next, a case rejected, a decision recorded', async () => {
    await page.goto(`${app.baseUrl}/#/dossiers?filter=${encodeURIComponent('{"roundId":"2021"}')}`);
    await page.getByText(dossiers[2].certNo).click({ timeout: 20000 });
    await page.locator('#dossier-position').waitFor({ timeout: 20000 });
    await expectText(page.locator('#dossier-position'), `3 / ${dossiers.length} 件目`);
    await page.locator('#dossier-header').getByText('自動判定').waitFor();
    await page.keyboard.press('j');
    await page.waitForURL(new RegExp(`dossiers/${dossiers[3].id}/show`), { timeout: 10000 });
    await page.getByText(dossiers[3].certNo).first().waitFor();
    await page.locator('#dossier-position').getByText(`4 / ${dossiers.length}`).waitFor();

    // 申請1, attendances with their proofs, and mail and documents each have a tab.
    await page.getByRole('tab', { name: '申請1' }).click();
    await page.locator('#applicant-form').getByText('前回認定日').waitFor({ timeout: 10000 });
    await page.getByRole('tab', { name: '学術集会' }).click();
    await page.getByText('参加証明: 待ち').first().waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'dossier-attendances.png') });
    await page.getByRole('tab', { name: '郵便・書類' }).click();
    await page.locator('#documents').getByText('表紙(署名・押印)').waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'dossier-mail.png'), fullPage: true });

    await page.getByRole('tab', { name: '症例' }).click();
    await page.getByText('ICD-10').waitFor({ timeout: 10000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    // R asks the reason in a dialog that has the focus: the keys typed are its text.
    await page.keyboard.press('r');
    const asked = page.getByRole('dialog');
    await expectText(asked, { contains: ['症例一覧表(1) 2 行目を不採用にする'] });
    await page.keyboard.type('症例の期間が一覧表と一致しない');
    await page.screenshot({ path: join(ARTEFACTS, 'keyboard-case-reason.png') });
    await page.keyboard.press('Control+Enter');
    await page.getByText('不採用(委員判断)').waitFor({ timeout: 10000 });
    await expectCount(asked, 0);
    await page.screenshot({ path: join(ARTEFACTS, 'keyboard-case-rejected.png') });
    // Closed, the page's keys are commands again: A opens the dialog, Esc leaves it unsaved.
    await page.keyboard.press('a');
    await expectText(asked, { contains: ['症例一覧表(1) 2 行目を採用する'] });
    await page.keyboard.press('Escape');
    await expectCount(asked, 0);
    const override = await sql.query(
      `SELECT ref, accepted FROM item_overrides WHERE dossier_id = $1`,
      [dossiers[3].id],
    );
    expect(override.rows).toEqual([{ ref: 'case:1-2', accepted: false }]);

    await page.getByRole('tab', { name: '概要' }).click();
    await page.getByText('まだ判定はありません').waitFor({ timeout: 10000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.locator('#decision-reason').fill('症例数が足りない');
    await page.keyboard.press('Control+Enter');
    await page.getByText('未公開(委員長の公開待ち)').waitFor({ timeout: 10000 });
    const decided = await sql.query(
      `SELECT decision, reason FROM decisions WHERE dossier_id = $1 AND superseded_at IS NULL`,
      [dossiers[3].id],
    );
    expect(decided.rows).toEqual([{ decision: '不合格', reason: '症例数が足りない' }]);

    await page.keyboard.press('?');
    await page.locator('#shortcut-help').getByText('J: 次の申請').waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'keyboard-help.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('k');
    await page.waitForURL(new RegExp(`dossiers/${dossiers[2].id}/show`), { timeout: 10000 });
  });
  it('prints a dossier on A4 and the committee decision sheet of the filtered list', async () => {
    const d = dossiers[3];
    await page.goto(`${app.baseUrl}/#/dossiers/${d.id}/print`);
    await page.locator('#print-cases').waitFor({ timeout: 20000 });
    await expectText(page.locator('h1'), { contains: [d.certNo, '審査記録'] });
    // A page for paper: no app bar or menu, and the decision recorded above is on it.
    expect(await page.locator('header, .RaSidebar-fixed').count()).toBe(0);
    await expectText(page.locator('#print-decisions'), {
      contains: ['不合格', '症例数が足りない'],
    });
    const cases = await sql.query(
      `SELECT jsonb_array_length(r.cases) AS n FROM dossier_revisions r
         JOIN dossiers d ON d.id = r.dossier_id AND d.revision = r.revision WHERE d.id = $1`,
      [d.id],
    );
    expect(await page.locator('#print-cases tbody tr').count()).toBe(cases.rows[0].n);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#print-now').isVisible()).toBe(false);
    await page.pdf({ path: join(ARTEFACTS, 'dossier-print.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${app.baseUrl}/#/dossiers?filter=${encodeURIComponent('{"roundId":"2021"}')}`);
    const sheetLink = page.locator('#decision-sheet-open');
    await sheetLink.waitFor({ timeout: 20000 });
    expect(await sheetLink.getAttribute('href')).toContain(encodeURIComponent('"roundId":"2021"'));
    await page.goto(`${app.baseUrl}/${(await sheetLink.getAttribute('href')) ?? ''}`);
    await expectText(
      page.locator('#sheet-count'),
      `${dossiers.length} 件(該当 ${dossiers.length} 件)`,
    );
    await expectText(page.locator('#decision-sheet'), {
      contains: [d.certNo, '合格・不合格・保留'],
    });
    await page.screenshot({ path: join(ARTEFACTS, 'decision-sheet.png'), fullPage: true });
  });
});
