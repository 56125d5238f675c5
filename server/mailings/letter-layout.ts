import type PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { japaneseDate } from '../common/japan-time.js';
import type { RoundSender } from '../rounds/round-settings.js';

const require = createRequire(import.meta.url);
/** Noto Sans JP comes with `npm ci` (OFL); pdfkit embeds only the glyphs a letter uses. */
const FONT_REGULAR =
  require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');
/** pdfkit loads on the first document: most processes never write one. */
const pdfkit = () => require('pdfkit') as typeof PDFDocument;

export const SENDER = '日本がん治療認定医機構';
export const CONTACT = '日本がん治療認定医機構 事務局 c-info@imic.or.jp';

/** Points of a millimetre. */
export const mm = (n: number) => (n * 72) / 25.4;

/**
 * The window of a 長形3号 window envelope over an A4 letter folded in three (20 mm from the
 * left, 12 mm from the top, 90 × 45 mm), and the box the address is kept in: a few millimetres
 * inside it, so the letter may shift in the envelope without hiding a line.
 */
export const ENVELOPE_WINDOW = { x: mm(20), y: mm(12), width: mm(90), height: mm(45) };
export const ADDRESS_BOX = { x: mm(25), y: mm(16), width: mm(80), height: mm(38) };

/** Who a letter goes to, as the window shows it. */
export interface LetterAddressee {
  postalCode: string;
  /** 都道府県 and 住所, as one text (wrapped to the window). */
  address: string;
  recipient: string;
  name: string;
  /** 様, or 御中 to an organisation without a person. */
  honorific: string;
}

/** What one letter says; drawn in the board's layout. */
export interface LetterContent {
  addressee: LetterAddressee;
  /** Printed top right above the date (認定番号 …). */
  reference: string;
  title: string;
  salutation: string;
  /** Paragraphs before 記. */
  opening: string[];
  /** Printed large and centred first under 記 (審査結果:合格), if any. */
  highlight?: string;
  /** The particulars between 記 and 以上, one paragraph each. */
  particulars: string[];
}

/** The letterhead of a round's letters: the day chosen when printing, and the sender. */
export interface LetterHead {
  letterDate: string;
  sender?: RoundSender;
}

/**
 * The address block at the largest size (10.5 pt down to 7 pt) at which it fits the box,
 * wrapping long addresses: the sizes and the block's height.
 */
function fitAddress(
  doc: PDFKit.PDFDocument,
  a: LetterAddressee,
): { size: number; nameSize: number; height: number } {
  const width = ADDRESS_BOX.width;
  const measure = (size: number, nameSize: number) => {
    doc.font('regular').fontSize(size);
    let height = doc.heightOfString(`〒${a.postalCode}`, { width });
    height += doc.heightOfString(a.address || ' ', { width });
    if (a.recipient) height += doc.heightOfString(a.recipient, { width });
    doc.fontSize(nameSize);
    return height + doc.heightOfString(`${a.name} ${a.honorific}`, { width });
  };
  let fitted = { size: 7, nameSize: 9, height: measure(7, 9) };
  for (let size = 10.5; size >= 7; size -= 0.5) {
    const nameSize = Math.min(13, size + 2.5);
    const height = measure(size, nameSize);
    if (height <= ADDRESS_BOX.height) return { size, nameSize, height };
    fitted = { size, nameSize, height };
  }
  return fitted;
}

function drawAddress(doc: PDFKit.PDFDocument, a: LetterAddressee): void {
  const { size, nameSize } = fitAddress(doc, a);
  const { x, y, width } = ADDRESS_BOX;
  doc.font('regular').fontSize(size);
  doc.text(`〒${a.postalCode}`, x, y, { width });
  doc.text(a.address, { width });
  if (a.recipient) doc.text(a.recipient, { width });
  doc.fontSize(nameSize).text(`${a.name} ${a.honorific}`, { width });
}

/** Draws one letter on the document's current page (A4 portrait, window-envelope address). */
export function drawLetter(
  doc: PDFKit.PDFDocument,
  content: LetterContent,
  head: LetterHead,
): void {
  const left = 70;
  const width = doc.page.width - left * 2;
  drawAddress(doc, content.addressee);
  // The reference, the date and the sender, right of the window.
  const right = { x: ENVELOPE_WINDOW.x + ENVELOPE_WINDOW.width + mm(8), y: ADDRESS_BOX.y };
  const rightWidth = doc.page.width - left - right.x;
  const sender = head.sender;
  doc.font('regular').fontSize(10);
  doc.text(content.reference, right.x, right.y, { width: rightWidth, align: 'right' });
  doc.text(japaneseDate(head.letterDate), { width: rightWidth, align: 'right' });
  doc.moveDown(0.6);
  doc.text(sender?.organisation || SENDER, { width: rightWidth, align: 'right' });
  doc.fontSize(9);
  if (sender?.postalCode || sender?.address) {
    const postal = sender.postalCode ? `〒${sender.postalCode} ` : '';
    doc.text(`${postal}${sender.address}`, { width: rightWidth, align: 'right' });
  }
  if (sender?.telephone) doc.text(`TEL ${sender.telephone}`, { width: rightWidth, align: 'right' });

  const top = Math.max(ENVELOPE_WINDOW.y + ENVELOPE_WINDOW.height, doc.y) + mm(12);
  doc.font('bold').fontSize(16).text(content.title, left, top, { width, align: 'center' });
  doc.moveDown(1.2);
  doc.font('regular').fontSize(11);
  doc.text(content.salutation, { width });
  doc.moveDown(0.6);
  for (const paragraph of content.opening) {
    doc.text(paragraph, { width, lineGap: 4 });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.6);
  doc.text('記', { width, align: 'center' });
  doc.moveDown(0.6);
  if (content.highlight) {
    doc.font('bold').fontSize(15).text(content.highlight, { width, align: 'center' });
    doc.moveDown(0.6);
    doc.font('regular').fontSize(11);
  }
  for (const paragraph of content.particulars) {
    doc.text(paragraph, left + 12, undefined, { width: width - 24, lineGap: 4 });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.4);
  doc.text('以上', left, undefined, { width, align: 'right' });
  const contact = [CONTACT, sender?.telephone ? `TEL ${sender.telephone}` : '']
    .filter(Boolean)
    .join(' ');
  doc.fontSize(9).text(`お問い合わせ: ${contact}`, left, doc.page.height - 90, {
    width,
    align: 'right',
  });
}

/**
 * pdfkit keeps the layout of every text it set, per font, for good: every letter's name and
 * address would stay in memory until the file ends. Forgetting them now and then keeps a long
 * merged file's memory flat (the glyphs to embed are kept apart, so the font stays whole).
 */
function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(fonts ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null);
  }
}

/**
 * Pages already written (all but the current one) keep their dictionaries in the document's page
 * tree, which needs only their object numbers at the end: their content can go.
 */
function forgetWrittenPages(doc: PDFKit.PDFDocument): void {
  const tree = doc as unknown as {
    _root?: { data?: { Pages?: { data?: { Kids?: { data?: object }[] } } } };
    shinsaForgotten?: number;
  };
  const kids = tree._root?.data?.Pages?.data?.Kids ?? [];
  for (let k = tree.shinsaForgotten ?? 0; k < kids.length - 1; k++) kids[k].data = {};
  tree.shinsaForgotten = Math.max(kids.length - 1, 0);
}

/**
 * Waits until what was written has reached the file: pdfkit pushes its output whatever the
 * file's pace, so without this a long file would wait in memory.
 */
async function settle(doc: PDFKit.PDFDocument, out: WriteStream): Promise<void> {
  while (out.writableNeedDrain || doc.readableLength > 1 << 20) {
    if (out.writableNeedDrain) await once(out, 'drain');
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

function newDocument(
  path: string,
  title: string,
): { doc: PDFKit.PDFDocument; out: WriteStream; done: Promise<void> } {
  const doc = new (pdfkit())({
    size: 'A4',
    autoFirstPage: false,
    margin: 0,
    info: { Title: title, Author: SENDER, Creator: 'Shinsa' },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const out = createWriteStream(path);
  doc.pipe(out);
  return { doc, out, done: finished(out) };
}

/** Pages written one item at a time (a letter, a sheet of labels), then the files written. */
export interface PageSink<T> {
  add(item: T): Promise<void>;
  close(): Promise<string[]>;
}

/**
 * A4 pages as PDF: all in one file for printing (`merged`), or one file per item (`fileOf`) in
 * a folder. `draw` draws one item on a new page; pages are written as they are made.
 */
export async function openPages<T>(
  target: { merged: string } | { folder: string },
  title: string,
  draw: (doc: PDFKit.PDFDocument, item: T) => void,
  fileOf: (item: T) => string = () => 'page.pdf',
): Promise<PageSink<T>> {
  if ('merged' in target) {
    const { doc, out, done } = newDocument(target.merged, title);
    let pages = 0;
    return {
      async add(item) {
        doc.addPage();
        draw(doc, item);
        if (++pages % 50 === 0) {
          forgetWrittenPages(doc);
          forgetLayouts(doc);
          await settle(doc, out);
        }
      },
      async close() {
        // An empty list still gives a valid file, saying so.
        if (pages === 0) doc.addPage().font('regular').text('対象者はいません。', 70, 70);
        doc.end();
        await done;
        return [target.merged];
      },
    };
  }
  await mkdir(target.folder, { recursive: true });
  const files: string[] = [];
  return {
    async add(item) {
      const path = join(target.folder, fileOf(item));
      const { doc, done } = newDocument(path, title);
      doc.addPage();
      draw(doc, item);
      doc.end();
      await done;
      files.push(path);
    },
    async close() {
      return files;
    },
  };
}
