import { mm, openPages } from './letter-layout.js';
import type { ListSink } from './list-writer.js';
import { labelOf, type MailLabel } from './mail-labels.js';

/**
 * An A4 sheet of 12 labels (2 × 6 of 86.4 × 42.3 mm, the common 12面 sheets: 18.6 mm left and
 * right, 21.5 mm top and bottom).
 */
export const LABEL_SHEET = {
  columns: 2,
  rows: 6,
  width: mm(86.4),
  height: mm(42.3),
  left: mm(18.6),
  top: mm(21.5),
  padding: mm(4),
};
export const LABELS_PER_SHEET = LABEL_SHEET.columns * LABEL_SHEET.rows;

/** Where label `index` (0–11, row by row) of a sheet lies. */
export function labelCell(index: number): { x: number; y: number } {
  const column = index % LABEL_SHEET.columns;
  const row = Math.floor(index / LABEL_SHEET.columns);
  return {
    x: LABEL_SHEET.left + column * LABEL_SHEET.width,
    y: LABEL_SHEET.top + row * LABEL_SHEET.height,
  };
}

const linesOf = (label: MailLabel) => [
  `〒${label.postalCode}`,
  label.addressLines.filter(Boolean).join(''),
  label.organisation,
  label.department,
];
const nameOf = (label: MailLabel) =>
  `${[label.familyName, label.givenName].filter(Boolean).join(' ')} ${label.honorific}`.trim();

/** One label, its text shrunk (10 pt down to 6 pt) until it fits inside the label's padding. */
function drawLabel(doc: PDFKit.PDFDocument, label: MailLabel, x: number, y: number): void {
  const { padding } = LABEL_SHEET;
  const width = LABEL_SHEET.width - 2 * padding;
  const height = LABEL_SHEET.height - 2 * padding;
  const lines = linesOf(label).filter(Boolean);
  const name = label.familyName || label.givenName ? nameOf(label) : '';
  const measure = (size: number) => {
    doc.font('regular').fontSize(size);
    const body = lines.reduce((h, line) => h + doc.heightOfString(line, { width }), 0);
    doc.fontSize(size + 2);
    return body + (name ? doc.heightOfString(name, { width }) : 0);
  };
  let size = 10;
  while (size > 6 && measure(size) > height) size -= 0.5;
  doc.font('regular').fontSize(size);
  doc.text(lines[0] ?? '', x + padding, y + padding, { width });
  for (const line of lines.slice(1)) doc.text(line, { width });
  // With no person, 御中 follows the organisation's line.
  if (name) doc.fontSize(size + 2).text(name, { width, align: 'right' });
  else if (label.honorific === '御中') doc.text('御中', { width, align: 'right' });
}

/** The list as sheets of 12 address labels (PDF), in the list's order. */
export async function openLabelSheets(path: string): Promise<ListSink> {
  const pages = await openPages<MailLabel[]>({ merged: path }, '宛名ラベル', (doc, labels) =>
    labels.forEach((label, i) => {
      const { x, y } = labelCell(i);
      drawLabel(doc, label, x, y);
    }),
  );
  let sheet: MailLabel[] = [];
  return {
    async add(row) {
      sheet.push(labelOf(row));
      if (sheet.length === LABELS_PER_SHEET) {
        await pages.add(sheet);
        sheet = [];
      }
    },
    async close() {
      if (sheet.length > 0) await pages.add(sheet);
      return { files: await pages.close(), unrepresentable: [] };
    },
  };
}
