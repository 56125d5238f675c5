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
): Promise<{ page: ReadPage; upright: PageImage }> {
  const { upright, clean, text } = await pool.read(image);
  const found = classifyPage(text);
  if (found.kind === 'attendance' && found.number === null) {
    const corner = {
      x0: Math.round(upright.width * 0.6),
      y0: 0,
      x1: upright.width,
      y1: Math.round(upright.height * 0.12),
    };
    found.number = numberWritten((await pool.readLineIn(upright, corner, NUMBER_LETTERS)) ?? '');
  }
  const seal =
    found.kind === 'cover' || found.kind === 'sheet'
      ? findSeal(found.kind, upright, text, clean)
      : null;
  return { page: { ...found, ref, text, seal }, upright };
}
