import { csvCell } from '../common/csv.js';
import { spreadsheetDateTime } from '../common/japan-time.js';
import { spreadsheetValue } from '../common/spreadsheet-cell.js';
import type { PaymentRow, PaymentTotals, Reconciliation } from './payment.views.js';

/** The reconciliation in the secretariat's words (the console's labels). */
export const RECONCILIATION_LABEL: Record<Reconciliation, string> = {
  matched: '照合済み',
  unmatched: '申請なし',
  wrongAmount: '金額違い',
  paidTwice: '二重払い(返金)',
  cancelled: '取消',
  refunded: '返金済み',
};

export const PAYMENT_EXPORT_HEADER = [
  '取引番号',
  '認定番号',
  '氏名',
  '項目',
  '金額',
  '事務手数料',
  '支払日時',
  '支払方法',
  '状態',
  '照合',
  '登録元',
];

const japanTime = (at: Date | string) => spreadsheetDateTime(new Date(at));

function paymentCells(p: PaymentRow): (string | number)[] {
  return [
    p.transactionId,
    p.certNo,
    p.name ?? '',
    p.item,
    p.amount ?? '',
    p.handlingFee ?? '',
    japanTime(p.paidAt),
    p.method,
    p.status,
    RECONCILIATION_LABEL[p.reconciliation],
    p.source === 'manual' ? '手入力' : '決済ファイル',
  ];
}

/** Payments as CSV for Excel: UTF-8 with BOM, CRLF, Japan time, formulas neutralised. */
export function paymentsCsv(rows: readonly PaymentRow[]): string {
  const lines = [PAYMENT_EXPORT_HEADER, ...rows.map(paymentCells)].map((cells) =>
    cells.map(csvCell).join(','),
  );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * Payments as a workbook that prints as opened: the list first (A4 landscape, fitted to the
 * width, header repeated), then the totals per reconciliation and fee.
 */
export async function paymentsWorkbook(
  rows: readonly PaymentRow[],
  totals: readonly PaymentTotals[],
  roundLabel: string,
): Promise<Buffer> {
  // exceljs loads on the first workbook: most processes never write one.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Shinsa';
  const list = book.addWorksheet('入金一覧', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: '&P / &N' },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  list.columns = PAYMENT_EXPORT_HEADER.map((header) => ({
    header,
    width: { 取引番号: 22, 氏名: 16, 支払日時: 20 }[header] ?? 12,
  }));
  list.getRow(1).font = { bold: true };
  for (const p of rows) list.addRow(paymentCells(p).map(spreadsheetValue));
  for (const column of ['金額', '事務手数料']) {
    list.getColumn(PAYMENT_EXPORT_HEADER.indexOf(column) + 1).numFmt = '#,##0';
  }

  const sums = book.addWorksheet('集計', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 },
  });
  sums.columns = [
    { header: '照合', width: 14 },
    { header: '項目', width: 14 },
    { header: '件数', width: 10 },
    { header: '金額', width: 14 },
    { header: '事務手数料', width: 14 },
  ];
  sums.getRow(1).font = { bold: true };
  for (const t of totals) {
    sums.addRow([RECONCILIATION_LABEL[t.reconciliation], t.item, t.count, t.amount, t.handlingFee]);
  }
  const total = (key: 'count' | 'amount' | 'handlingFee') =>
    totals.reduce((sum, t) => sum + t[key], 0);
  sums.addRow(['合計', '', total('count'), total('amount'), total('handlingFee')]).font = {
    bold: true,
  };
  sums.getColumn(4).numFmt = '#,##0';
  sums.getColumn(5).numFmt = '#,##0';
  sums.addRow([]);
  sums.addRow(['年度', spreadsheetValue(roundLabel)]);
  sums.addRow(['作成日時', japanTime(new Date())]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
