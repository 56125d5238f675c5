import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFile } from 'node:fs/promises';
import { csvCell } from '../common/csv.js';
import type { LateChange, MailingListResult, MailingRow } from './mailing-lists.js';

export type CsvEncoding = 'utf8' | 'cp932';

/** A cell CP932 cannot hold: reported, since the file would lose it. */
export interface Unrepresentable {
  sheet: string;
  /** Line of the file (the header is line 1). */
  line: number;
  column: string;
  text: string;
  characters: string;
}

const LATE_HEADER = ['認定番号', '氏名', '受付日', '郵便番号', '都道府県', '住所', '送付先名称'];
const WIDTHS: Record<string, number> = {
  認定番号: 10,
  氏名: 16,
  郵便番号: 10,
  都道府県: 10,
  住所: 44,
  送付先名称: 30,
  受付日: 12,
};

const rowCells = (r: MailingRow) => [
  r.certNo,
  r.name,
  r.postalCode,
  r.prefecture,
  r.address,
  r.recipient,
  ...r.extra,
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

/** The characters of a text that CP932 cannot hold. */
function notInCp932(text: string): string {
  return [
    ...new Set([...text].filter((ch) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch)),
  ].join('');
}

function csvText(
  header: string[],
  rows: (string | number)[][],
  sheet: string,
  encoding: CsvEncoding,
  unrepresentable: Unrepresentable[],
): Buffer {
  const lines = [header, ...rows].map((cells, i) => {
    if (encoding === 'cp932') {
      cells.forEach((cell, c) => {
        const lost = notInCp932(String(cell));
        if (lost) {
          unrepresentable.push({
            sheet,
            line: i + 1,
            column: header[c],
            text: String(cell),
            characters: lost,
          });
        }
      });
    }
    return cells.map(csvCell).join(',');
  });
  const text = lines.join('\r\n') + '\r\n';
  return encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from('\uFEFF' + text, 'utf8');
}

/**
 * The list as CSV (UTF-8 with BOM, or CP932 with every cell it cannot hold reported); change
 * notices after the cut-off go to a second file beside it (`<name>.late.csv`) when there are any.
 */
export async function writeCsv(
  result: MailingListResult,
  path: string,
  encoding: CsvEncoding,
): Promise<{ files: string[]; unrepresentable: Unrepresentable[] }> {
  const unrepresentable: Unrepresentable[] = [];
  await writeFile(
    path,
    csvText(result.header, result.rows.map(rowCells), '一覧', encoding, unrepresentable),
  );
  const files = [path];
  if (result.lateChanges.length > 0) {
    const late = path.replace(/\.csv$/i, '') + '.late.csv';
    await writeFile(
      late,
      csvText(
        LATE_HEADER,
        result.lateChanges.map(lateCells),
        '締切後の住所変更',
        encoding,
        unrepresentable,
      ),
    );
    files.push(late);
  }
  return { files, unrepresentable };
}

/**
 * The list as a print-ready workbook, written by exceljs' streaming writer: a summary sheet,
 * the list (A4 landscape, fitted to the page width, header row repeated on every page, Japanese
 * headers, column widths), and the change notices received after the cut-off.
 */
export async function writeXlsx(
  result: MailingListResult,
  path: string,
  title: string,
  roundLabel: string,
): Promise<{ files: string[] }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  book.creator = 'Shinsa';
  const summary = book.addWorksheet('集計', {
    pageSetup: { paperSize: 9, orientation: 'portrait' },
  });
  summary.columns = [{ width: 28 }, { width: 40 }];
  for (const [label, value] of [
    ['一覧', `${title}(${roundLabel})`],
    ['作成日時', new Date().toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false })],
    ['件数', result.rows.length],
    ['締切後の住所変更', result.lateChanges.length],
  ] as [string, string | number][]) {
    summary.addRow([label, value]).commit();
  }
  summary.commit();

  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
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
    ws.columns = header.map((h) => ({
      header: h,
      width: WIDTHS[h] ?? Math.max(12, h.length * 2 + 2),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const cells of rows) {
      const row = ws.addRow(cells);
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
    }
    ws.commit();
  };
  sheet('一覧', result.header, result.rows.map(rowCells));
  if (result.lateChanges.length > 0) {
    sheet('締切後の住所変更', LATE_HEADER, result.lateChanges.map(lateCells));
  }
  await book.commit();
  return { files: [path] };
}
