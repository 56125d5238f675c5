import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayWidth, openLabelCsv, openXlsx, rowHeight } from './list-writer.js';
import { LABEL_HEADER } from './mail-labels.js';
import { listHeader, type DispatchFacts, type MailingRow } from './mailing-lists.js';

const row = (certNo: string, patch: Partial<MailingRow> = {}): MailingRow => ({
  certNo,
  name: '髙橋 花子',
  postalCode: '113-8655',
  prefecture: '東京都',
  address: '文京区本郷7-3-1',
  recipient: '東京大学医学部附属病院 腫瘍内科',
  extra: ['合格'],
  addressCheck: '',
  ...patch,
});
const facts = {} as DispatchFacts;
const LONG_ADDRESS =
  '中央区北一条西二十丁目一番地二号シンサ医療センタービル別館東棟十五階一五〇一号室気付';

describe('print-ready workbooks', () => {
  it('measures wrapped cells: full-width characters take two, rows grow with their lines', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('東京ｱ')).toBe(5);
    expect(rowHeight(['short'], [44])).toBe(18);
    // 44 characters of width 2 in a column of 44: three lines.
    expect(rowHeight(['東'.repeat(44)], [44])).toBe(54);
    expect(rowHeight(['・a\n・b\n・c'], [50])).toBe(54);
  });

  it('opens on the list, rows as tall as their wrapped 住所, the summary after it on one page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-xlsx-'));
    const path = join(dir, 'results.xlsx');
    const sink = await openXlsx(path, listHeader('results'), {
      title: '審査結果通知',
      roundLabel: '2021年度',
      note: '対象者全員',
    });
    await sink.add(row('000001', { recipient: '腫瘍内科' }), facts);
    await sink.add(
      row('000002', { address: LONG_ADDRESS, addressCheck: '郵便番号が違います' }),
      facts,
    );
    await sink.close([
      {
        certNo: '000001',
        name: '髙橋 花子',
        receivedOn: '2022-03-20',
        postalCode: '100-0001',
        prefecture: '東京都',
        address: '千代田区千代田1-1',
        recipient: '',
      },
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => w.name)).toEqual(['一覧', '集計', '締切後の住所変更']);
    expect(book.views[0].activeTab).toBe(0);
    const list = book.worksheets[0];
    expect(list.getRow(1).getCell(5).value).toBe('住所');
    const short = list.getRow(2);
    const long = list.getRow(3);
    expect(long.getCell(5).value).toBe(LONG_ADDRESS);
    expect(long.getCell(5).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(short.height).toBe(18);
    // 84 columns of text in a 44-wide column: two lines at least.
    expect(long.height).toBeGreaterThanOrEqual(36);
    const summary = book.worksheets[1];
    expect(summary.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    const values = Object.fromEntries(
      summary.getSheetValues().flatMap((r) => (Array.isArray(r) ? [[r[1], r[2]]] : [])),
    );
    expect(values['件数']).toBe(2);
    expect(values['宛先要確認']).toBe(1);
    expect(values['締切後の住所変更']).toBe(1);
  });
});

describe('label CSV', () => {
  it('writes CP932 with the WAVE DASH family mapped and what it cannot hold reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-labels-'));
    const path = join(dir, 'labels.csv');
    const sink = await openLabelCsv(path, 'cp932');
    await sink.add(row('000001', { address: '文京区本郷7−3−1 〜ビル‖' }), facts);
    await sink.add(row('000002', { name: '𠮷田 一郎' }), facts);
    const written = await sink.close([]);
    const text = iconv.decode(readFileSync(path), 'cp932');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(LABEL_HEADER.join(','));
    expect(lines[1]).toBe(
      '000001,113-8655,東京都文京区本郷7－3－1 ～ビル∥,,,東京大学医学部附属病院,腫瘍内科,髙橋,花子,様,',
    );
    expect(text).not.toContain('?ビル');
    expect(written.unrepresentable).toEqual([
      { sheet: '宛名ラベル', line: 3, column: '姓', text: '𠮷田', characters: '𠮷' },
    ]);
  });
});
