import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchFacts, MailingRow } from './mailing-lists.js';
import { ADDRESS_BOX, ENVELOPE_WINDOW } from './letter-layout.js';
import { openLabelSheets } from './label-sheet.js';
import { openLetterSink, letterText, openLetters, type LetterRound } from './result-letter.js';
import { feeRequestLetter } from './request-letters.js';

const ROUND: LetterRound = {
  label: '2021年度',
  resultsAddressCutoff: '2022-03-10',
  certificateAddressCutoff: '2022-04-30',
  renewalDate: '2022-04-01',
  pinBadgeAtRenewal: 2,
  fees: { review: 11000, certification: 22000, handling: 110 },
  sender: {
    organisation: '日本がん治療認定医機構 事務局',
    postalCode: '113-0033',
    address: '東京都文京区本郷1-1-1',
    telephone: '03-1234-5678',
  },
};
const PAID = {
  transactionId: 't1',
  item: '更新認定料',
  amount: 22000,
  handlingFee: 110,
  paidAt: '2022-03-01T10:00:00+09:00',
  status: '入金済',
};
const row = (certNo: string): MailingRow => ({
  certNo,
  name: '髙橋 花子',
  postalCode: '113-8655',
  prefecture: '東京都',
  address: '文京区本郷7-3-1',
  recipient: '東京大学医学部附属病院 腫瘍内科',
  extra: [],
  addressCheck: '',
});
const facts = (patch: Partial<DispatchFacts>) =>
  ({
    decision: '合格',
    reasonCodes: [],
    applicant: { renewalCount: 0 },
    ...patch,
  }) as DispatchFacts;
const textOf = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

/** The words of a PDF's first page with their boxes (points from the top left), by pdftotext. */
function wordsOf(pdf: string): { text: string; x0: number; y0: number; x1: number; y1: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
}

describe('result letters', () => {
  it('tells 合格 what to pay and when the certificate comes, and the pin badge where due', () => {
    const first = letterText(row('1'), facts({}), ROUND);
    expect(first.result).toBe('審査結果:合格');
    expect(first.particulars.join('')).toContain('更新認定料 22,000円');
    expect(first.particulars.join('')).toContain('有効期限 2027年3月31日');
    expect(first.particulars.join('')).not.toContain('ピンバッジ');
    const second = letterText(row('1'), facts({ applicant: { renewalCount: 1 } as never }), ROUND);
    expect(second.particulars.join('')).toContain('2回目の更新認定となりますので、ピンバッジ');
  });

  it('gives 不合格 its reasons by code, never the committee’s free text', () => {
    const failed = letterText(
      row('1'),
      facts({ decision: '不合格', reasonCodes: ['F01', 'X99'] }),
      ROUND,
    );
    expect(failed.result).toBe('審査結果:不合格');
    expect(failed.particulars).toContain('・症例数の不足');
    expect(failed.particulars.join('')).not.toContain('その他');
    const unexplained = letterText(
      row('1'),
      facts({ decision: '不合格', reasonCodes: ['X99'] }),
      ROUND,
    );
    expect(unexplained.particulars).toContain('・詳細は事務局までお問い合わせください。');
  });

  it('writes one PDF of all letters, or one per applicant, in a Japanese font', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-letters-'));
    const merged = await openLetters({ merged: join(dir, 'letters.pdf') }, ROUND, '2022-04-05');
    await merged.add(row('000001'), facts({}));
    await merged.add(row('000002'), facts({ decision: '不合格', reasonCodes: ['F02'] }));
    expect((await merged.close([])).files).toEqual([join(dir, 'letters.pdf')]);
    const bytes = readFileSync(join(dir, 'letters.pdf'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('NotoSansJP');
    const pages = textOf(join(dir, 'letters.pdf'))
      .split('\f')
      .filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('〒113-8655');
    expect(pages[0]).toContain('髙橋 花子 様');
    expect(pages[0]).toContain('審査結果:合格');
    expect(pages[1]).toContain('学術集会参加の不足');
    expect(pages[1]).toContain('2022年4月5日');

    const folder = join(dir, 'each');
    const each = await openLetters({ folder }, ROUND, '2022-04-05');
    await each.add(row('000001'), facts({}));
    await each.add(row('000002'), facts({}));
    await each.close([]);
    expect(readdirSync(folder).sort()).toEqual(['000001.pdf', '000002.pdf']);
    expect(textOf(join(folder, '000002.pdf'))).toContain('認定番号 000002');
  });

  it('asks a 合格 to pay only while the certification fee is unpaid', () => {
    const paid = letterText(row('1'), facts({ payments: [PAID] }), ROUND);
    expect(paid.particulars.join('')).not.toContain('お支払いください');
    expect(paid.particulars.join('')).toContain('更新認定料の納付を確認いたしました');
    const unpaid = letterText(row('1'), facts({ payments: [] }), ROUND);
    expect(unpaid.particulars.join('')).toContain('お支払いください');
  });

  it('prints 記 and 以上, the sender and the letter date chosen, the address in the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-letters-'));
    const pdf = join(dir, 'letters.pdf');
    const long = row('000003');
    // Long enough to need a smaller size in the window.
    long.address =
      '中央区北一条西二十丁目一番地二号シンサ医療センタービル別館東棟十五階一五〇一号室気付'.repeat(
        2,
      );
    long.recipient =
      '独立行政法人シンサ医療機構 北海道がん診療連携拠点病院 腫瘍内科 外来化学療法室';
    const sink = await openLetters({ merged: pdf }, ROUND, '2022-04-15');
    await sink.add(long, facts({ payments: [PAID] }));
    await sink.close([]);
    const text = textOf(pdf);
    expect(text).toMatch(/^\s+記\s*$/m);
    expect(text).toMatch(/以上\s*$/m);
    expect(text).toContain('2022年4月15日');
    expect(text).toContain('日本がん治療認定医機構 事務局');
    expect(text).toContain('〒113-0033 東京都文京区本郷1-1-1');
    expect(text).toContain('TEL 03-1234-5678');
    expect(text).not.toContain('お支払いください');
    // 記 comes before the particulars and 以上 after them.
    expect(text.indexOf('記')).toBeLessThan(text.indexOf('審査結果:合格'));
    expect(text.indexOf('以上')).toBeGreaterThan(text.indexOf('変更届システム'));

    // Every word of the address block (〒 to 様) lies inside the envelope's window.
    const words = wordsOf(pdf);
    const first = words.findIndex((w) => w.text === '〒113-8655');
    const last = words.findIndex((w) => w.text === '様');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBeGreaterThan(first);
    // The sender's block sits right of the window; the address block is the rest.
    const windowRight = ENVELOPE_WINDOW.x + ENVELOPE_WINDOW.width;
    const block = words.slice(first, last + 1).filter((w) => w.x0 < windowRight);
    for (const w of words.slice(first, last + 1).filter((w) => w.x0 >= windowRight)) {
      expect(w.x0).toBeGreaterThan(windowRight);
    }
    expect(block.map((w) => w.text).join('')).toContain('外来化学療法室');
    for (const w of block) {
      expect(w.x0).toBeGreaterThanOrEqual(ENVELOPE_WINDOW.x);
      expect(w.x1).toBeLessThanOrEqual(ENVELOPE_WINDOW.x + ENVELOPE_WINDOW.width);
      expect(w.y0).toBeGreaterThanOrEqual(ENVELOPE_WINDOW.y);
      expect(w.y1).toBeLessThanOrEqual(ENVELOPE_WINDOW.y + ENVELOPE_WINDOW.height);
      expect(w.x1).toBeLessThanOrEqual(ADDRESS_BOX.x + ADDRESS_BOX.width + 1);
    }
  });

  it('writes payment request letters with the amount and 記 / 以上', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-letters-'));
    const pdf = join(dir, 'fee.pdf');
    const request = { ...row('000004'), extra: [22110, '未入金'] };
    const sink = await openLetterSink(
      { merged: pdf },
      '更新認定料お支払いのお願い',
      { letterDate: '2022-05-10', sender: ROUND.sender },
      (r) => feeRequestLetter(r, ROUND),
    );
    await sink.add(request, facts({}));
    await sink.close([]);
    const text = textOf(pdf);
    expect(text).toContain('更新認定料お支払いのお願い');
    expect(text).toContain('お支払い金額 22,110円');
    expect(text).toContain('入金の状況: 未入金');
    expect(text).toContain('2022年5月10日');
    expect(text).toMatch(/^\s+記\s*$/m);
    expect(text).toMatch(/以上\s*$/m);
  });

  it('prints labels 12 to an A4 sheet, 様 after the name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-labels-'));
    const pdf = join(dir, 'labels.pdf');
    const sink = await openLabelSheets(pdf);
    for (let i = 1; i <= 13; i++) await sink.add(row(String(i).padStart(6, '0')), facts({}));
    await sink.close([]);
    const pages = textOf(pdf)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0].match(/〒113-8655/g)).toHaveLength(12);
    expect(pages[1].match(/〒113-8655/g)).toHaveLength(1);
    expect(pages[1]).toContain('髙橋 花子 様');
    expect(pages[1]).toContain('腫瘍内科');
  });
});
