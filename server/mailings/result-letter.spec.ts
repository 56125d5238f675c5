import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchFacts, MailingRow } from './mailing-lists.js';
import { letterText, openLetters, type LetterRound } from './result-letter.js';

const ROUND: LetterRound = {
  label: '2021年度',
  resultsAddressCutoff: '2022-03-10',
  certificateAddressCutoff: '2022-04-30',
  renewalDate: '2022-04-01',
  pinBadgeAtRenewal: 2,
  fees: { review: 11000, certification: 22000, handling: 110 },
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

describe('result letters', () => {
  it('tells 合格 what to pay and when the certificate comes, and the pin badge where due', () => {
    const first = letterText(row('1'), facts({}), ROUND);
    expect(first.result).toBe('審査結果:合格');
    expect(first.paragraphs.join('')).toContain('更新認定料 22,000円');
    expect(first.paragraphs.join('')).toContain('有効期限 2027年3月31日');
    expect(first.paragraphs.join('')).not.toContain('ピンバッジ');
    const second = letterText(row('1'), facts({ applicant: { renewalCount: 1 } as never }), ROUND);
    expect(second.paragraphs.join('')).toContain('2回目の更新認定となりますので、ピンバッジ');
  });

  it('gives 不合格 its reasons by code, never the committee’s free text', () => {
    const failed = letterText(
      row('1'),
      facts({ decision: '不合格', reasonCodes: ['F01', 'X99'] }),
      ROUND,
    );
    expect(failed.result).toBe('審査結果:不合格');
    expect(failed.paragraphs).toContain('・症例数の不足');
    expect(failed.paragraphs.join('')).not.toContain('その他');
    const unexplained = letterText(
      row('1'),
      facts({ decision: '不合格', reasonCodes: ['X99'] }),
      ROUND,
    );
    expect(unexplained.paragraphs).toContain('・詳細は事務局までお問い合わせください。');
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
});
