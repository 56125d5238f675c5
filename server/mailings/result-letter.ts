import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { japaneseDate } from '../common/japan-time.js';
import { DECISION_REASONS } from '../decisions/decision-rules.js';
import type { WrittenFiles, ListSink } from './list-writer.js';
import {
  validUntil,
  type DispatchFacts,
  type DispatchRound,
  type MailingRow,
} from './mailing-lists.js';

const require = createRequire(import.meta.url);
/** Noto Sans JP comes with `npm ci` (OFL); pdfkit embeds only the glyphs a letter uses. */
const FONT_REGULAR =
  require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

export const SENDER = '日本がん治療認定医機構';
export const CONTACT = '日本がん治療認定医機構 事務局 c-info@imic.or.jp';

export interface LetterRound extends DispatchRound {
  label: string;
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/**
 * The paragraphs of one result letter, as text (pure: what the letter says is tested without a
 * PDF). 合格: the certification fee to pay, when the certificate comes, and the pin badge where
 * one is due; 不合格: the reasons by their codes (free text stays with the committee).
 */
export function letterText(
  row: MailingRow,
  facts: Pick<DispatchFacts, 'decision' | 'reasonCodes' | 'applicant'>,
  round: LetterRound,
): { title: string; result: string; paragraphs: string[] } {
  const title = 'がん治療認定医 更新審査結果のお知らせ';
  const intro = `${round.label}のがん治療認定医の更新申請について、認定委員会において審査いたしましたので、その結果を下記のとおりお知らせいたします。`;
  if (facts.decision === '合格') {
    const renewalNo = Number(facts.applicant.renewalCount ?? 0) + 1;
    const paragraphs = [
      intro,
      `つきましては、更新認定料 ${yen(round.fees.certification)}(消費税込)と事務手数料 ${yen(round.fees.handling)}をお支払いください。ご登録のメールアドレスに「入金依頼メール」をお送りいたします。`,
      `更新認定料の納付を確認した後、認定証をお送りいたします(更新認定日 ${japaneseDate(round.renewalDate)}、有効期限 ${japaneseDate(validUntil(round.renewalDate))})。`,
    ];
    if (renewalNo === round.pinBadgeAtRenewal) {
      paragraphs.push(
        `今回は${renewalNo}回目の更新認定となりますので、ピンバッジを認定証と同時にお送りいたします。`,
      );
    }
    paragraphs.push('送付先が変わる場合は、変更届システムからお早めにご変更ください。');
    return { title, result: '審査結果:合格', paragraphs };
  }
  const reasons = (facts.reasonCodes ?? [])
    .map((code) => DECISION_REASONS.find((r) => r.code === code))
    .filter((r) => r && r.code !== 'X99')
    .map((r) => `・${r!.label}`);
  return {
    title,
    result: '審査結果:不合格',
    paragraphs: [
      intro,
      '誠に残念ながら、下記の理由により更新の要件を満たしていないと判断いたしました。',
      ...(reasons.length > 0 ? reasons : ['・詳細は事務局までお問い合わせください。']),
    ],
  };
}

/** Draws one letter on the document's current page (A4 portrait, window-envelope address). */
function drawLetter(
  doc: PDFKit.PDFDocument,
  row: MailingRow,
  facts: DispatchFacts,
  round: LetterRound,
  issuedOn: string,
): void {
  const text = letterText(row, facts, round);
  const left = 70;
  const width = doc.page.width - left * 2;
  // Address block where a window envelope (長形3号) shows it.
  doc.font('regular').fontSize(10.5);
  doc.text(`〒${row.postalCode}`, left, 60);
  doc.text(`${row.prefecture}${row.address}`, { width: 250 });
  if (row.recipient) doc.text(row.recipient, { width: 250 });
  doc.fontSize(13).text(`${row.name} 様`, { width: 250 });
  doc.fontSize(10).text(`認定番号 ${row.certNo}`, left, 60, { width, align: 'right' });
  doc.text(japaneseDate(issuedOn), { width, align: 'right' });
  doc.text(SENDER, { width, align: 'right' });
  doc.font('bold').fontSize(16).text(text.title, left, 220, { width, align: 'center' });
  doc.moveDown(1.5);
  doc.font('regular').fontSize(11);
  doc.text(`${row.name} 先生`, { width });
  doc.moveDown(0.8);
  doc.text(text.paragraphs[0], { width, lineGap: 4 });
  doc.moveDown(1);
  doc.font('bold').fontSize(15).text(text.result, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(11);
  for (const paragraph of text.paragraphs.slice(1)) {
    doc.text(paragraph, { width, lineGap: 4 });
    doc.moveDown(0.5);
  }
  doc.fontSize(9).text(`お問い合わせ: ${CONTACT}`, left, doc.page.height - 90, {
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

function newDocument(path: string): {
  doc: PDFKit.PDFDocument;
  out: WriteStream;
  done: Promise<void>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margin: 0,
    info: { Title: '更新審査結果のお知らせ', Author: SENDER, Creator: 'Shinsa' },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const out = createWriteStream(path);
  doc.pipe(out);
  return { doc, out, done: finished(out) };
}

/**
 * Result letters as PDF: all in one file for printing (`merged`), or one file per applicant
 * (`<認定番号>.pdf`) in a folder. Pages are written as they are made.
 */
export async function openLetters(
  target: { merged: string } | { folder: string },
  round: LetterRound,
  issuedOn: string,
): Promise<ListSink> {
  if ('merged' in target) {
    const { doc, out, done } = newDocument(target.merged);
    let pages = 0;
    return {
      async add(row, facts) {
        doc.addPage();
        drawLetter(doc, row, facts, round, issuedOn);
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
        return { files: [target.merged], unrepresentable: [] };
      },
    };
  }
  await mkdir(target.folder, { recursive: true });
  const files: string[] = [];
  return {
    async add(row, facts) {
      const path = join(target.folder, `${row.certNo}.pdf`);
      const { doc, done } = newDocument(path);
      doc.addPage();
      drawLetter(doc, row, facts, round, issuedOn);
      doc.end();
      await done;
      files.push(path);
    },
    async close(): Promise<WrittenFiles> {
      return { files, unrepresentable: [] };
    },
  };
}
