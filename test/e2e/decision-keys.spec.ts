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
 * The decision panel and the page's keys as a fast reviewer uses them: the warning before 合格
 * names every rule not passed; after G / F / H the next key is a command, never text; the ?
 * list opens and closes; J / K go on after saves, tabs, dialogs and reloads.
 */
describe('decision keys in a browser', () => {
  let db: TestDatabase;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  let dossiers: { id: string; certNo: string }[];

  // Evaluated in the page (a string: the tests compile without the DOM's types).
  const activeElement = () =>
    page.evaluate<string>(
      "(() => { const a = document.activeElement; return a ? `${a.tagName}#${a.id}` : ''; })()",
    );
  const reasonText = () => page.locator('#decision-reason').inputValue();
  /** Waits for the page of dossier n, its header and position shown (the keys bound). */
  const atDossier = async (n: number) => {
    await page.waitForURL(new RegExp(`dossiers/${dossiers[n].id}/show`), { timeout: 10000 });
    await expectText(page.locator('#dossier-position'), `${n + 1} / ${dossiers.length} 件目`);
    await expectText(page.locator('#dossier-header'), { contains: [dossiers[n].certNo] });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    await app.app
      .get(AuthService)
      .createUser({ login: 'jimu', role: 'secretariat', password: TEST_PASSWORD });
    dossiers = await importChecked(app, generateBundle({ applicants: 6, seed: 24, defects: 0 }));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    ({ browser, page } = await openBrowser({ width: 1440, height: 900 }));
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'jimu', TEST_PASSWORD);
    await page.locator('#dashboard-stages').waitFor({ timeout: 20000 });
  });

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('names every rule not passed before 合格, the seals and proofs pending included, as the server does', async () => {
    const pending = await sql.query(
      `SELECT c.outcomes->>'doc.seal' AS seal, c.outcomes->>'doc.attendance' AS proof
         FROM check_results c WHERE c.dossier_id = $1`,
      [dossiers[0].id],
    );
    expect(pending.rows).toEqual([{ seal: 'pending', proof: 'pending' }]);
    await page.goto(`${app.baseUrl}/#/dossiers?filter=${encodeURIComponent('{"roundId":"2021"}')}`);
    await page.getByText(dossiers[0].certNo).click({ timeout: 20000 });
    await atDossier(0);
    await page.getByText('まだ判定はありません').waitFor({ timeout: 10000 });

    await page.keyboard.press('g');
    const unconfirmed = await expectText(page.locator('#decision-warnings-pending'), {
      contains: ['未確認', '病院長公印 症例一覧表(1)', '参加証明 1', '表紙(署名・押印)'],
    });
    // Names and item labels only: no rule ID or raw ref on screen.
    expect(unconfirmed).not.toMatch(/doc\.|sheet:|attendance:|case:/);
    await page.screenshot({ path: join(ARTEFACTS, 'decision-pass-warnings.png'), fullPage: true });

    // Enter is a command: the server refuses 合格 without a reason, naming the same rules.
    await page.keyboard.press('Enter');
    await expectText(
      page.locator('#decision-error'),
      {
        contains: [
          '合格にするには理由が必要です',
          '未確認: ',
          '病院長公印 症例一覧表(1)',
          '参加証明 1',
        ],
      },
      { textContent: true },
    );
    expect(await reasonText()).toBe('');
  });

  it('takes the key after G as a command: a digit picks a code, E writes, Esc and Enter record', async () => {
    await eventually(
      async () => (await activeElement()) === 'DIV#decision-panel',
      10000,
      'the focus on the decision panel, not in the reason',
    );
    await page.keyboard.press('1');
    await eventually(
      async () => page.getByLabel('1: P01 要件を満たす').isChecked(),
      10000,
      'P01 ticked by the key 1',
    );
    expect(await reasonText()).toBe('');
    await page.screenshot({ path: join(ARTEFACTS, 'decision-keys-code.png') });

    await page.keyboard.press('e');
    await eventually(
      async () => (await activeElement()) === 'TEXTAREA#decision-reason',
      10000,
      'the focus in the reason after E',
    );
    await page.keyboard.type('原本で書類を確認した');
    await page.keyboard.press('Escape');
    await eventually(
      async () => (await activeElement()) === 'DIV#decision-panel',
      10000,
      'the focus back on the panel after Esc',
    );
    // Back on the panel, Enter records (in the reason it would start a new line).
    await page.keyboard.press('Enter');
    await page.getByText('未公開(委員長の公開待ち)').waitFor({ timeout: 10000 });
    const decided = await eventually(async () => {
      const { rows } = await sql.query(
        `SELECT decision, reason_codes AS codes, reason FROM decisions
          WHERE dossier_id = $1 AND superseded_at IS NULL`,
        [dossiers[0].id],
      );
      return rows.length > 0 ? rows : null;
    });
    expect(decided).toEqual([{ decision: '合格', codes: ['P01'], reason: '原本で書類を確認した' }]);

    // F then Esc: the choice is cancelled, nothing typed nor recorded.
    await page.keyboard.press('f');
    await page.locator('#decision-reason').waitFor();
    await page.keyboard.press('x');
    expect(await reasonText()).toBe('');
    await page.keyboard.press('Escape');
    await expectCount(page.locator('#decision-reason'), 0);
    await page.screenshot({ path: join(ARTEFACTS, 'decision-keys-saved.png') });
  });

  it('opens the ? list and closes it by Esc, by ? again and by its button', async () => {
    const help = page.locator('#shortcut-help');
    await page.keyboard.press('?');
    await expectText(help, {
      contains: ['J: 次の申請', 'E: 理由(文章)を書く', 'Esc: 選んだ判定を取り消す'],
    });
    await page.screenshot({ path: join(ARTEFACTS, 'decision-keys-help.png') });
    await page.keyboard.press('Escape');
    await expectCount(help, 0);
    await page.keyboard.press('?');
    await expectText(help, { contains: ['K: 前の申請'] });
    await page.keyboard.press('?');
    await expectCount(help, 0);
    await page.keyboard.press('?');
    await expectText(help, { contains: ['K: 前の申請'] });
    await page.locator('#shortcut-help-close').click();
    await expectCount(help, 0);
    // Closed, J is the page's again.
    await page.keyboard.press('j');
    await atDossier(1);
  });

  it('goes on with J / K after a tab, a reason code clicked, a reload and quick presses', async () => {
    await page.getByRole('tab', { name: '症例' }).click();
    await page.getByText('ICD-10').waitFor({ timeout: 10000 });
    await page.keyboard.press('j');
    await atDossier(2);

    // A reason code ticked with the mouse keeps the focus on its checkbox: J still moves.
    await page.keyboard.press('h');
    await page.getByLabel('1: F01 症例数の不足').click();
    await page.keyboard.press('j');
    await atDossier(3);

    await page.reload();
    await page.locator('#dossier-header').waitFor({ timeout: 20000 });
    await page.keyboard.press('k');
    await atDossier(2);

    // Pressed before the next dossier has loaded, each key counts, one after the other.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await atDossier(4);
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await atDossier(1);
    await page.screenshot({ path: join(ARTEFACTS, 'decision-keys-navigation.png') });
  });
});
