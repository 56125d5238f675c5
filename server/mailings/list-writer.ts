import type ExcelJS from 'exceljs';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { encodeCp932, notInCp932, toCp932Forms } from '../common/cp932.js';
import { csvCell } from '../common/csv.js';
import { spreadsheetValue } from '../common/spreadsheet-cell.js';
import { LABEL_HEADER, labelCells, labelOf } from './mail-labels.js';
import type { DispatchFacts, LateChange, MailingRow } from './mailing-lists.js';
import type { Unrepresentable } from './mailing.views.js';

export type CsvEncoding = 'utf8' | 'cp932';

export interface WrittenFiles {
  files: string[];
  unrepresentable: Unrepresentable[];
}

/**
 * Where the rows of one list go as they are read: a file written as it grows, so memory stays
 * flat however long the list. `close` adds the change notices received after the cut-off.
 */
export interface ListSink {
  add(row: MailingRow, facts: DispatchFacts): Promise<void>;
  close(lateChanges: readonly LateChange[]): Promise<WrittenFiles>;
}

export const LATE_HEADER = [
  '認定番号',
  '氏名',
  '受付日',
  '郵便番号',
  '都道府県',
  '住所',
  '送付先名称',
];
const WIDTHS: Record<string, number> = {
  認定番号: 10,
  氏名: 16,
  郵便番号: 10,
  都道府県: 10,
  住所: 44,
  送付先名称: 30,
  受付日: 12,
  認定証番号: 12,
  更新認定日: 12,
  有効期限: 12,
  不備の内容: 50,
  入金の状況: 40,
  宛先要確認: 40,
};

const rowCells = (r: MailingRow) => [
  r.certNo,
  r.name,
  r.postalCode,
  r.prefecture,
  r.address,
  r.recipient,
  ...r.extra,
  r.addressCheck,
];
const lateCells = (c: LateChange) => [
  c.certNo,
  c.name,
  c.receivedOn,
  c.postalCode,
  c.prefecture,
  c.address,
  c.recipient,
];

/** A CSV file written line by line, honouring the stream's back-pressure. */
class CsvFile {
  private readonly out: WriteStream;
  private line = 0;

  constructor(
    readonly path: string,
    private readonly header: string[],
    private readonly sheet: string,
    private readonly encoding: CsvEncoding,
    private readonly unrepresentable: Unrepresentable[],
  ) {
    this.out = createWriteStream(path);
    if (encoding === 'utf8') this.out.write('\uFEFF');
  }

  async write(cells: (string | number)[]): Promise<void> {
    this.line += 1;
    if (this.encoding === 'cp932') {
      cells.forEach((cell, c) => {
        // 〜 − ‖ and their family are written as CP932's ～ － ∥, not reported as lost.
        const lost = notInCp932(toCp932Forms(String(cell)));
        if (lost) {
          this.unrepresentable.push({
            sheet: this.sheet,
            line: this.line,
            column: this.header[c],
            text: String(cell),
            characters: lost,
          });
        }
      });
    }
    const text = cells.map(csvCell).join(',') + '\r\n';
    const bytes = this.encoding === 'cp932' ? encodeCp932(text) : Buffer.from(text);
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/**
 * The list as CSV (UTF-8 with BOM, or CP932 with every cell it cannot hold reported); change
 * notices after the cut-off go to a second file beside it (`<name>.late.csv`) when there are any.
 */
export async function openCsv(
  path: string,
  header: string[],
  encoding: CsvEncoding,
): Promise<ListSink> {
  const unrepresentable: Unrepresentable[] = [];
  const file = new CsvFile(path, header, '一覧', encoding, unrepresentable);
  await file.write(header);
  return {
    add: (row) => file.write(rowCells(row)),
    async close(lateChanges) {
      await file.close();
      const files = [path];
      if (lateChanges.length > 0) {
        const late = new CsvFile(
          path.replace(/\.csv$/i, '') + '.late.csv',
          LATE_HEADER,
          '締切後の住所変更',
          encoding,
          unrepresentable,
        );
        await late.write(LATE_HEADER);
        for (const change of lateChanges) await late.write(lateCells(change));
        await late.close();
        files.push(late.path);
      }
      return { files, unrepresentable };
    },
  };
}

/**
 * Address labels as CSV for label software and Japan Post's tools (LABEL_HEADER: 敬称, 姓 and 名,
 * organisation and department apart, the address in fields of 50 bytes), CP932 or UTF-8.
 */
export async function openLabelCsv(path: string, encoding: CsvEncoding): Promise<ListSink> {
  const unrepresentable: Unrepresentable[] = [];
  const file = new CsvFile(path, LABEL_HEADER, '宛名ラベル', encoding, unrepresentable);
  await file.write(LABEL_HEADER);
  return {
    add: (row) => file.write(labelCells(labelOf(row))),
    async close() {
      await file.close();
      return { files: [path], unrepresentable };
    },
  };
}

/** How wide a text shows in a spreadsheet column: 2 for a full-width character, 1 otherwise. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += code < 0x100 || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return width;
}

/** Points a wrapped line takes (Excel's Japanese default font shows 11 pt in 18.75 pt rows). */
const LINE_HEIGHT = 18;

/**
 * The height of a row whose cells wrap in columns of these widths: Excel keeps the height a file
 * gives, so a long 住所 or 送付先名称 must be given room or it prints over the next row.
 */
export function rowHeight(cells: (string | number)[], widths: number[]): number {
  let lines = 1;
  cells.forEach((cell, c) => {
    const capacity = Math.max(1, (widths[c] ?? 12) - 1);
    const cellLines = String(cell)
      .split('\n')
      .reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / capacity)), 0);
    lines = Math.max(lines, cellLines);
  });
  return lines * LINE_HEIGHT;
}

const widthOf = (h: string) => WIDTHS[h] ?? Math.max(12, h.length * 2 + 2);

/**
 * The list as a print-ready workbook, written by exceljs' streaming writer, opening on the list
 * (A4 landscape, fitted to the page width, header row repeated on every page, Japanese headers,
 * column widths, rows as tall as their wrapped cells); then the summary (its counts, 宛先要確認
 * included, on one page) and the change notices received after the cut-off.
 */
export async function openXlsx(
  path: string,
  header: string[],
  summary: { title: string; roundLabel: string; note: string },
): Promise<ListSink> {
  // exceljs loads on the first workbook: most processes never write one.
  const { default: excel } = await import('exceljs');
  const book = new excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  book.creator = 'Shinsa';
  book.views = [
    { activeTab: 0, firstSheet: 0, x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' },
  ];
  const writeSummary = (counts: { rows: number; lateChanges: number; addressChecks: number }) => {
    const ws = book.addWorksheet('集計', {
      pageSetup: {
        paperSize: 9,
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 1,
      },
    });
    ws.columns = [{ width: 28 }, { width: 48 }];
    for (const [label, value] of [
      ['一覧', `${summary.title}(${summary.roundLabel})`],
      ['作成日時', new Date().toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false })],
      ['件数', counts.rows],
      ['締切後の住所変更', counts.lateChanges],
      ['対象', summary.note],
      ['宛先要確認', counts.addressChecks],
    ] as [string, string | number][]) {
      ws.addRow([label, spreadsheetValue(value)]).commit();
    }
    ws.commit();
  };

  const sheet = (name: string, columns: string[]) => {
    const ws = book.addWorksheet(name, {
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '&P / &N' },
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = columns.map((h) => ({ header: h, width: widthOf(h) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return ws;
  };
  // Text a spreadsheet would take for a formula is neutralised, as in the CSV.
  const addRow = (ws: ExcelJS.Worksheet, cells: (string | number)[], widths: number[]) => {
    const row = ws.addRow(cells.map(spreadsheetValue));
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = rowHeight(cells, widths);
    row.commit();
  };
  const list = sheet('一覧', header);
  const listWidths = header.map(widthOf);
  let added = 0;
  let addressChecks = 0;
  return {
    async add(row) {
      addRow(list, rowCells(row), listWidths);
      if (row.addressCheck) addressChecks += 1;
      // Let the zip stream drain now and then: rows are not held until the end.
      if (++added % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    },
    async close(lateChanges) {
      list.commit();
      writeSummary({ rows: added, lateChanges: lateChanges.length, addressChecks });
      if (lateChanges.length > 0) {
        const late = sheet('締切後の住所変更', LATE_HEADER);
        const lateWidths = LATE_HEADER.map(widthOf);
        for (const change of lateChanges) addRow(late, lateCells(change), lateWidths);
        late.commit();
      }
      await book.commit();
      return { files: [path], unrepresentable: [] };
    },
  };
}
