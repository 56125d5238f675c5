import { compactText, normaliseText } from '../../common/japanese-text.js';
import { extractDates, fuzzyFind } from './japanese-text.js';
import { classifyPage, numberWritten, type PageClass } from './page-classifier.js';
import type { OcrPool, PageText } from './ocr.js';
import type { PageImage } from './page-images.js';
import { findSeal, type SealReading } from './seal-finder.js';

/** One page of an envelope, read: what it is, its text, and its seal where one belongs. */
export interface ReadPage extends PageClass {
  /** `<受付番号>-<page number in the envelope, from 1 in scan order>`, e.g. R2021-000123-6. */
  ref: string;
  text: PageText;
  seal: SealReading | null;
}

export interface ReadOptions {
  /**
   * The applicant's full names as a proof may print them (current and former family name with
   * the given name, e.g. 髙橋一郎, 大野一郎): a line that reads one letter off one of them is
   * read again closer, as a clerk would look twice before calling it another person's.
   */
  names?: string[];
}

/** What the applicant writes as the number of a proof, for reading the top right alone. */
const NUMBER_LETTERS = '12345No.()①②③④⑤';

/**
 * Reads one page image: OCR (upright, deskewed), classification, and for a cover or a case
 * sheet the seal. An attendance page whose number the page-wide OCR missed has its top right
 * corner read again on its own. Returns the upright page too (for the display rendition).
 */
export async function readPage(
  pool: OcrPool,
  image: PageImage,
  ref: string,
  options: ReadOptions = {},
): Promise<{ page: ReadPage; upright: PageImage }> {
  const { upright, clean, text: firstText } = await pool.read(image);
  const named = await secondLookAtNames(pool, upright, firstText, options.names ?? []);
  const found = classifyPage(named);
  const text = found.kind === 'attendance' ? await secondLookAtDates(pool, upright, named) : named;
  if (found.kind === 'attendance' && found.number === null) {
    const corner = {
      x0: Math.round(upright.width * 0.6),
      y0: 0,
      x1: upright.width,
      y1: Math.round(upright.height * 0.12),
    };
    const line = await pool.readLineIn(upright, corner, { whitelist: NUMBER_LETTERS });
    found.number = numberWritten(line ?? '');
    // A lone 1 or 5 read as a line comes out empty; read as one letter it does not.
    if (found.number === null && line !== null) {
      const letter = await pool.readLineIn(upright, corner, {
        whitelist: NUMBER_LETTERS,
        scale: 2,
        singleLetter: true,
      });
      found.number = numberWritten(letter ?? '');
    }
  }
  const seal =
    found.kind === 'cover' || found.kind === 'sheet'
      ? findSeal(found.kind, upright, text, clean)
      : null;
  return { page: { ...found, ref, text, seal }, upright };
}

/**
 * Whether a line looks as if it holds a date (digits with 年/月/日 or a date's separators, or
 * the words that introduce one) and yet no date reads from it: a slash read as 7, a 月 as 日.
 */
export function unreadDateLine(text: string): boolean {
  const t = compactText(text);
  const digits = t.replace(/\D/g, '').length;
  const looks = (digits >= 4 && /[年月日/.-]/.test(t)) || (digits >= 1 && /会期|開催|日時/.test(t));
  return looks && extractDates(t).length === 0;
}

/** Lines read again at most, a page: a proof has one or two dates. */
const DATE_LINES = 4;

/**
 * An attendance page's lines that look like dates but read none, read again at twice the size
 * as one line (a clerk looks closer at a blurred date). A second reading that holds a date is
 * added after the first, which stays: the meeting's name on the same line may have read better
 * the first time.
 */
async function secondLookAtDates(
  pool: OcrPool,
  upright: PageImage,
  text: PageText,
): Promise<PageText> {
  let changed = false;
  let looked = 0;
  const lines = [];
  for (const line of text.lines) {
    if (looked >= DATE_LINES || !unreadDateLine(line.text)) {
      lines.push(line);
      continue;
    }
    looked++;
    const again = await pool.readLineIn(upright, padded(line.box), { scale: 2, clean: true });
    lines.push(line);
    if (again && extractDates(again).length > 0) {
      lines.push({ ...line, text: normaliseText(again), words: [] });
      changed = true;
    }
  }
  return changed ? { ...text, lines, text: lines.map((l) => l.text).join('\n') } : text;
}

/** A line's box with a margin of a third of its height, for reading it again on its own. */
function padded(box: PageText['lines'][number]['box']) {
  const pad = (box.y1 - box.y0) * 0.3;
  return { x0: box.x0 - pad, y0: box.y0 - pad, x1: box.x1 + pad, y1: box.y1 + pad };
}

/**
 * Lines that read one letter off an expected name, read again at twice the size as one line;
 * the second reading replaces the first when it holds the name (and is kept out when it does
 * not: a name one letter off stays another person's).
 */
async function secondLookAtNames(
  pool: OcrPool,
  upright: PageImage,
  text: PageText,
  names: string[],
): Promise<PageText> {
  const wanted = names.map(compactText).filter((n) => [...n].length >= 3);
  if (wanted.length === 0 || wanted.some((n) => compactText(text.text).includes(n))) return text;
  let changed = false;
  const lines = [];
  for (const line of text.lines) {
    const t = compactText(line.text);
    const nearMiss = wanted.find((n) => fuzzyFind(t, n, 1 / [...n].length)?.distance === 1);
    if (!nearMiss) {
      lines.push(line);
      continue;
    }
    const again = await pool.readLineIn(upright, padded(line.box), { scale: 2, clean: true });
    if (again && compactText(again).includes(nearMiss)) {
      lines.push({ ...line, text: normaliseText(again) });
      changed = true;
    } else {
      lines.push(line);
    }
  }
  return changed ? { ...text, lines, text: lines.map((l) => l.text).join('\n') } : text;
}
