import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { AuthService } from '../../server/auth/auth.service.js';
import { jstDay } from '../../server/common/japan-time.js';
import {
  ARTEFACTS,
  expectCount,
  expectText,
  openBrowser,
  submitLogin,
} from '../support/browser.js';
import { csvRows, generateBundle } from '../support/bundles.js';
import { scanBundleEnvelopes } from '../support/scan-pages/bundle-envelopes.js';
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
  /** A second dossier whose envelope is read, for confirming its proposals together. */
  let other: { id: string; certNo: string };
  let bundleDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true, console: true });
    await app.app
      .get(AuthService)
      .createUser({ login: 'jimu', role: 'secretariat', password: TEST_PASSWORD });
    bundleDir = generateBundle({ applicants: 3, seed: 41, defects: 0, scans: true });
    // Two envelopes as a scanner makes them (a PDF of real pages), read by the reader.
    const certNos = csvRows(bundleDir, 'applicants.csv')
      .map((r) => r[0])
      .sort();
    await scanBundleEnvelopes(bundleDir, [
      { certNo: certNos[0], effect: 'clean' },
      { certNo: certNos[1], effect: 'grey' },
    ]);
    await importChecked(app, bundleDir, { readScans: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    [dossier, other] = (
      await sql.query(
        `SELECT id::text AS id, cert_no AS "certNo" FROM dossiers
          WHERE cert_no = ANY($1) ORDER BY cert_no`,
        [certNos.slice(0, 2)],
      )
    ).rows;
    ({ browser, page } = await openBrowser({ width: 1440, height: 900 }));
  }, 330000); // drawing and reading realistic scans takes a while on a loaded machine

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  /** Reloads the page until the item shows its proposal: the envelope has been read. */
  const untilProposed = (item: Locator) =>
    eventually(
      async () => {
        await page.reload();
        await item.waitFor({ timeout: 10000 });
        return (await item.locator('.proposal').count()) > 0 ? true : null;
      },
      120000,
      'the reading of the envelope',
    );

  it('shows the scans beside the checklist and records found and insufficient', async () => {
    await page.goto(`${app.baseUrl}/`);
    await submitLogin(page, 'jimu', TEST_PASSWORD);
    await page.locator('#dashboard').waitFor({ timeout: 20000 });
    await page.goto(`${app.baseUrl}/#/dossiers/${dossier.id}/show/mail`);
    const cover = page.locator('[data-item="doc.cover@"]');
    // The reader has read the envelope: the cover's proposal waits for a person.
    await untilProposed(cover);
    // The pages read are shown, the first selected, beside the checklist at 1440 × 900, and
    // the mark buttons keep their words on one line.
    await page.locator('#scans img').first().waitFor({ timeout: 30000 });
    await eventually(
      async () => {
        const pages = (await page.locator('#mail-pages').boundingBox())!;
        const list = (await page.locator('#mail-checklist').boundingBox())!;
        const buttons = await cover
          .locator('.mark-buttons button')
          .evaluateAll((all) =>
            all.map((b) => b.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })),
          );
        return (
          pages.x + pages.width <= list.x &&
          Math.abs(pages.y - list.y) < 40 &&
          list.x + list.width <= 1440 &&
          buttons.length === 3 &&
          buttons.every((b) => b.h < 40 && b.w > b.h)
        );
      },
      10000,
      'the page image beside the checklist with unsqueezed buttons',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'documents-1440x900.png') });
    await expectText(cover.locator('.proposal'), { contains: ['そろっています'] });
    // Its page is shown with the words that support it outlined.
    await cover.getByRole('button', { name: 'ページを表示' }).click();
    await page.locator('#scans .evidence').first().waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'documents-proposal.png'), fullPage: true });
    await cover.getByRole('button', { name: '確認済み' }).click();
    await cover.getByText('jimu').waitFor({ timeout: 10000 });

    const proof = page.locator('[data-item="doc.attendance@attendance:1"]');
    await proof.getByRole('button', { name: '不十分' }).click();
    // The note is asked in a dialog offering the usual wordings of rules.md.
    const asked = page.getByRole('dialog');
    await asked.getByRole('button', { name: '姓だけの記載で本人と確認できません' }).click();
    const note = asked.getByLabel('不備通知に載せる内容');
    await eventually(
      async () => (await note.inputValue()) === '姓だけの記載で本人と確認できません' || null,
      10000,
      'the wording in the note',
    );
    await note.fill('ポスター発表のプログラムで参加証ではない');
    await page.keyboard.press('Control+Enter');
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
  }, 240000); // reading an envelope takes a few seconds a page

  it('confirms the proposals of an envelope together, leaving a person’s mark as it is', async () => {
    const [{ receiptNo }] = (
      await sql.query(`SELECT receipt_no AS "receiptNo" FROM envelopes WHERE cert_no = $1`, [
        other.certNo,
      ])
    ).rows;
    await page.goto(`${app.baseUrl}/#/dossiers/${other.id}/show/mail`);
    const cover = page.locator('[data-item="doc.cover@"]');
    await untilProposed(cover);
    // A person records the cover first.
    await cover.getByRole('button', { name: '確認済み' }).click();
    await cover.getByText('jimu').waitFor({ timeout: 10000 });
    // Confirming waits for the checks the mark re-ran (the server says 409 until then).
    await eventually(
      async () =>
        (await page.evaluate(
          async (url) => (await fetch(url)).status,
          `/api/dossiers/${other.id}/documents/confirmation?receiptNo=${receiptNo}`,
        )) === 200
          ? true
          : null,
      60000,
      'the checks after the mark',
    );
    await page
      .locator(`[data-envelope="${receiptNo}"]`)
      .getByRole('button', { name: '読み取り結果をまとめて確定' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${receiptNo} の読み取り結果をまとめて確定`).waitFor({ timeout: 10000 });
    // The secretariat lowers the threshold for this round's clean scans, then confirms.
    await dialog.getByLabel('まとめて確定する確からしさ(%)').fill('80');
    await dialog.getByRole('button', { name: 'しきい値を保存' }).click();
    await page.getByText('しきい値を 80% にしました').waitFor({ timeout: 10000 });
    await expectText(dialog, { contains: ['すでに記録済みのため変えないもの(1 件)'] });
    const submit = dialog.getByRole('button', { name: /^\d+ 件を確定$/ });
    const n = Number((await submit.innerText()).match(/\d+/)![0]);
    expect(n).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTEFACTS, 'documents-confirm.png') });
    await submit.click();
    await page
      .getByText(`${n} 件を読み取りの提案どおりに記録しました。チェックをやり直します`)
      .waitFor({ timeout: 10000 });
    const { rows } = await sql.query(
      `SELECT rule, ref, status, note, checked_by FROM document_checks WHERE dossier_id = $1`,
      [other.id],
    );
    expect(rows).toHaveLength(n + 1);
    expect(rows.find((r) => r.rule === 'doc.cover')).toMatchObject({
      status: 'found',
      note: null,
      checked_by: 'jimu',
    });
    // Recorded in the confirmer's name; a shortfall carries the reader's evidence as its note.
    for (const r of rows.filter((row) => row.rule !== 'doc.cover')) {
      expect(r.checked_by).toBe('jimu');
      if (r.status === 'found') expect(r.note).toBeNull();
      else expect(r.note).toMatch(/^読み取りの提案を確定: /);
    }
  }, 240000);

  it('registers an envelope for the applicant and uploads its scan', async () => {
    await page.goto(`${app.baseUrl}/#/envelopes/create`);
    // The current round and today (Japan's calendar) are filled in.
    await expectText(page.getByLabel('年度'), '2021年度');
    expect(await page.getByLabel('到着日').inputValue()).toBe(jstDay(new Date()));
    await page.getByLabel('到着日').fill('2021-09-25');
    await page.getByLabel('郵便種別').click();
    await page.getByRole('option', { name: '一般書留' }).click();
    await page.getByLabel('申請者(認定番号・氏名・カナ・勤務先で検索)').fill(dossier.certNo);
    await page
      .getByRole('option', { name: new RegExp(`^${dossier.certNo} `) })
      .click({ timeout: 10000 });
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/envelopes\/2021%3AR2021-/, { timeout: 10000 });
    await page.getByText(/郵便を受付番号 R2021-\d{6} で登録しました/).waitFor({ timeout: 10000 });
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
    // The envelope lists its scan, which opens, and links to the dossier's documents.
    await page
      .locator('#envelope-scans')
      .getByRole('link', { name: scan.file_name })
      .waitFor({ timeout: 10000 });
    await page.screenshot({ path: join(ARTEFACTS, 'envelope-registered.png') });
    await page.locator('#envelope-dossier').click();
    await page.waitForURL(new RegExp(`#/dossiers/${dossier.id}/show/mail`), { timeout: 10000 });
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
    // Letters for those without e-mail, dated as chosen when printing.
    await page.locator('#notices-letters').click();
    await page.locator('#notices-letter-date').fill('2099-02-01');
    const download = page.locator('#notices-letters-download');
    const lettersHref = await download.getAttribute('href');
    expect(lettersHref).toContain('/api/deficiency-notices/letters.pdf?filter=');
    expect(lettersHref).toContain('letterDate=2099-02-01');
    const letterType = await page.evaluate(
      async (url) => (await fetch(url!)).headers.get('content-type'),
      lettersHref,
    );
    expect(letterType).toBe('application/pdf');
    await page.keyboard.press('Escape');
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
    await page.locator('#letter-date').fill('2099-04-15');
    await results.getByRole('button', { name: '結果通知書(PDF)' }).click();
    const letters = page.locator('[data-export="result-letters"][data-status="done"]');
    await letters.waitFor({ timeout: 20000 });
    await letters.getByRole('link', { name: 'result-letters-2021.pdf' }).waitFor();
    await expectText(letters.locator('td').first(), { contains: ['2099-04-15'] });
    await results.getByRole('button', { name: 'ラベルシート(A4 12面 PDF)' }).click();
    await page
      .locator('[data-export="results"][data-status="done"]')
      .getByRole('link', { name: 'results-labels-2021.pdf' })
      .waitFor({ timeout: 20000 });
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
    const confirm = page.getByRole('dialog');
    await expectText(confirm, { contains: ['審査結果通知 の未発送 1 件を'] });
    await confirm.getByRole('button', { name: '発送済みにする' }).click();
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
    // Counted and summed per reconciliation, with the files for Excel and to print.
    await expectText(page.locator('#payment-summary'), {
      contains: ['照合済み', '合計', /[\d,]+ 円/],
    });
    expect(await page.locator('#payments-xlsx').getAttribute('href')).toContain(
      '/api/payments/export.xlsx?filter=',
    );
    await page.screenshot({ path: join(ARTEFACTS, 'payments.png') });

    // A transfer entered by hand finds its applicant by name, not only by number.
    await page.goto(`${app.baseUrl}/#/payments/create`);
    const lookup = page.locator('#payment-applicant');
    await lookup.waitFor({ timeout: 20000 });
    const someone = (
      await sql.query(`SELECT cert_no, family_name FROM dossiers ORDER BY cert_no LIMIT 1`)
    ).rows[0] as { cert_no: string; family_name: string };
    await lookup.fill(someone.family_name);
    await page
      .getByRole('option', { name: new RegExp(someone.cert_no) })
      .first()
      .click({ timeout: 20000 });
    // Read again until it shows (the field renders again once the choice is searched for).
    await eventually(
      async () => (await lookup.inputValue({ timeout: 2000 })).includes(someone.cert_no) || null,
      30000,
      'the chosen applicant in the field',
    );
  });
});
