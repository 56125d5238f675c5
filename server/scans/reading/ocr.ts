import { createRequire } from 'node:module';
import Tesseract from 'tesseract.js';
import { normaliseText } from '../../common/japanese-text.js';
import { type PageImage, sharp, sharpOf } from './page-images.js';
import type { GreyPage } from './seal-finder.js';
import { withoutSpecks } from './specks.js';

/** A rectangle in page pixels, corners included from x0, y0 to x1, y1 (exclusive). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A word (for Japanese: usually one to a few letters) as read, NFKC. Confidence 0–100. */
export interface OcrWord {
  text: string;
  confidence: number;
  box: Box;
}

export interface OcrLine {
  text: string;
  confidence: number;
  box: Box;
  words: OcrWord[];
}

/** The text of one page, in the coordinates of the upright, deskewed page it was read from. */
export interface PageText {
  width: number;
  height: number;
  /** The whole page, NFKC, lines separated by newlines. */
  text: string;
  lines: OcrLine[];
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** Degrees the scan was turned (clockwise) to stand upright: 0, 90, 180 or 270. */
  orientation: 0 | 90 | 180 | 270;
  /** Degrees of skew taken out (clockwise). */
  skew: number;
}

/** A page read: turned upright and deskewed, the same without the form's rules, its text. */
export interface ReadImage {
  upright: PageImage;
  clean: GreyPage;
  text: PageText;
}

export interface OcrPoolOptions {
  /** Workers reading at once; each holds the Japanese model (about 60 MB) and one page. */
  size: number;
  /**
   * Pages a worker reads before it is replaced: tesseract's WebAssembly heap only grows, so a
   * long-lived worker's memory follows the largest page it ever read.
   */
  recycleAfter?: number;
  /**
   * How tesseract finds the text on a page: `block` (one block of text, tesseract.js' default)
   * or `auto` (its full layout analysis).
   */
  layout?: 'block' | 'auto';
}

const require = createRequire(import.meta.url);
/** The Japanese model shipped by npm (`@tesseract.js-data/jpn`): no download, no cache. */
const JPN = require('@tesseract.js-data/jpn') as { langPath: string };

/** Below this mean confidence a page is tried the other way up. */
const DOUBTFUL_CONFIDENCE = 70;

interface Slot {
  worker: Tesseract.Worker;
  pages: number;
}

/**
 * A pool of tesseract.js workers reading Japanese offline (the model from node_modules,
 * `cacheMethod: 'none'`). `read` finds the page's orientation and skew, turns it upright, and
 * returns its text with lines and word boxes; several pages are read at once, one per worker.
 */
export class OcrPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private closed = false;

  private constructor(private readonly options: Required<OcrPoolOptions>) {}

  static async start(options: OcrPoolOptions): Promise<OcrPool> {
    const pool = new OcrPool({ recycleAfter: 200, layout: 'block', ...options });
    const slots = await Promise.all(
      Array.from({ length: Math.max(1, options.size) }, () => pool.newSlot()),
    );
    pool.idle.push(...slots);
    return pool;
  }

  private get pageLayout(): Tesseract.PSM {
    return this.options.layout === 'auto' ? Tesseract.PSM.AUTO : Tesseract.PSM.SINGLE_BLOCK;
  }

  private async newSlot(): Promise<Slot> {
    const worker = await Tesseract.createWorker('jpn', Tesseract.OEM.LSTM_ONLY, {
      langPath: JPN.langPath,
      gzip: true,
      cacheMethod: 'none',
    });
    await worker.setParameters({
      user_defined_dpi: '200',
      preserve_interword_spaces: '0',
      tessedit_pageseg_mode: this.pageLayout,
    });
    return { worker, pages: 0 };
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('The OCR pool is closed'));
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async release(slot: Slot): Promise<void> {
    let next = slot;
    if (slot.pages >= this.options.recycleAfter) {
      await slot.worker.terminate();
      next = await this.newSlot();
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(next);
    else this.idle.push(next);
  }

  private async withWorker<T>(work: (worker: Tesseract.Worker) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      slot.pages++;
      return await work(slot.worker);
    } finally {
      await this.release(slot);
    }
  }

  /**
   * Reads a page: turned upright (text lines found horizontal by their projection, and the
   * other way up tried when the reading is doubtful) and deskewed, then recognised.
   */
  async read(image: PageImage): Promise<ReadImage> {
    // The form's rules out first: a table's columns would pass for lines of text sideways.
    let clean = await withoutRules(image);
    let { quarterTurns, skew } = await estimateOrientation(clean);
    let straight = image;
    if (Math.abs(skew) >= 0.2) {
      // Skewed rules are not taken out: judge the orientation again once the page is straight
      // (rotations commute, so the skew found on either axis straightens the page).
      straight = await turn(image, 0, skew);
      clean = await withoutRules(straight);
      const again = await estimateOrientation(clean);
      quarterTurns = again.quarterTurns;
      skew += again.skew;
    }
    const first = await this.readTurned(image, quarterTurns * 90, skew, clean, straight);
    if (readingQuality(first.text) >= DOUBTFUL_CONFIDENCE) return first;
    // Doubtful: the other way up, then (a table's aligned columns can pass for lines of text)
    // the other axis; the best reading wins.
    let best = first;
    for (const extra of [180, 90, 270]) {
      const other = await this.readTurned(image, quarterTurns * 90 + extra, skew);
      // Another orientation must read clearly better: a poor scan reads poorly every way.
      if (readingQuality(other.text) > readingQuality(best.text) + 5) best = other;
      if (readingQuality(best.text) >= DOUBTFUL_CONFIDENCE) break;
    }
    return best;
  }

  private async readTurned(
    image: PageImage,
    degrees: number,
    skew: number,
    cleanAsIs?: GreyPage,
    straight?: PageImage,
  ): Promise<ReadImage> {
    // A page only deskewed is the straightened one already made; a turned one is made anew,
    // and its rules found again where they now lie.
    const asIs = straight && degrees % 360 === 0 && cleanAsIs;
    const upright = asIs ? straight : await turn(image, degrees, skew);
    const clean = asIs ? cleanAsIs : await withoutRules(upright);
    // A 3 × 3 median takes out scanner specks and keeps strokes of print (2–4 px at 200 dpi);
    // larger specks standing alone go after it.
    const raw = { raw: { width: clean.width, height: clean.height, channels: 1 as const } };
    const smooth = await sharp(clean.data, raw).median(3).extractChannel(0).raw().toBuffer();
    const { page: spotless } = withoutSpecks({ ...clean, data: smooth });
    const png = await sharp(spotless.data, raw).png({ compressionLevel: 1 }).toBuffer();
    const result = await this.withWorker((worker) =>
      worker.recognize(png, {}, { text: true, blocks: true }),
    );
    const orientation = (degrees % 360) as PageText['orientation'];
    return {
      upright,
      clean,
      text: pageText(result.data, upright.width, upright.height, orientation, skew),
    };
  }

  /**
   * The one line written in a region of an upright page (the number at the top right, a name
   * read again closer): the ink there cropped tightly, given a margin, enlarged by `scale` and
   * read as a single line — tesseract's page layout overlooks a lone digit. Null when the region
   * holds no ink, empty when nothing reads.
   */
  async readLineIn(
    image: PageImage,
    box: Box,
    {
      whitelist = '',
      scale = 1,
      singleLetter = false,
      clean = false,
    }: { whitelist?: string; scale?: number; singleLetter?: boolean; clean?: boolean } = {},
  ): Promise<string | null> {
    const x0 = Math.max(0, Math.round(box.x0));
    const y0 = Math.max(0, Math.round(box.y0));
    const width = Math.min(image.width, Math.round(box.x1)) - x0;
    const height = Math.min(image.height, Math.round(box.y1)) - y0;
    if (width < 2 || height < 2) return null;
    // Separate pipelines: sharp trims before it extracts, whatever the order of the calls.
    let grey: Buffer = await sharpOf(image)
      .extract({ left: x0, top: y0, width, height })
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer();
    const raw = { raw: { width, height, channels: 1 as const } };
    if (clean) {
      // Printed lines read again: specks out as for the page (a speck beside a letter reads as
      // one); a pen's thin number is read as it is.
      const smooth = await sharp(grey, raw).median(3).extractChannel(0).raw().toBuffer();
      grey = withoutSpecks({ width, height, data: smooth }).page.data;
    }
    const crop = await sharp(grey, raw)
      .resize({ width: Math.round(width * scale), kernel: 'lanczos3' })
      .png({ compressionLevel: 1 })
      .toBuffer();
    let png: Buffer;
    try {
      const tight = await sharp(crop)
        .trim({ background: '#ffffff', threshold: 60 })
        .png({ compressionLevel: 1 })
        .toBuffer();
      // A single letter is thickened (sharp's dilate grows the dark): thin pen strokes read.
      const letter = singleLetter ? await sharp(tight).dilate(1).png().toBuffer() : tight;
      png = await sharp(letter)
        .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' })
        .png({ compressionLevel: 1 })
        .toBuffer();
    } catch {
      return null; // nothing but paper: trim has nothing to keep
    }
    return this.withWorker(async (worker) => {
      await worker.setParameters({
        tessedit_pageseg_mode: singleLetter ? Tesseract.PSM.SINGLE_CHAR : Tesseract.PSM.SINGLE_LINE,
        tessedit_char_whitelist: whitelist,
      });
      try {
        const result = await worker.recognize(png, {}, { text: true });
        return normaliseText(result.data.text).trim();
      } finally {
        // Back to what every page is read with: a worker's settings outlive the job.
        await worker.setParameters({
          tessedit_pageseg_mode: this.pageLayout,
          tessedit_char_whitelist: '',
        });
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.worker.terminate()));
  }
}

/**
 * How well a page read: the confidence of its better half of lines (by letters). A page the
 * right way up reads most lines well even where a table or a stamp spoils a few; the wrong way
 * up, none reads well.
 */
function readingQuality(text: PageText): number {
  const lines = text.lines
    .map((l) => ({ letters: [...l.text.replace(/\s/g, '')].length, confidence: l.confidence }))
    .filter((l) => l.letters > 0)
    .sort((a, b) => b.confidence - a.confidence);
  const total = lines.reduce((n, l) => n + l.letters, 0);
  let counted = 0;
  let sum = 0;
  for (const l of lines) {
    if (counted >= total / 2) break;
    counted += l.letters;
    sum += l.confidence * l.letters;
  }
  return counted ? sum / counted : 0;
}

/** A rule is ink along this many pixels at 200 dpi (1 cm): longer than any stroke of print. */
const RULE_LENGTH = 81;

/**
 * The page as the OCR reads it: grey, with the ruled lines of forms and tables taken out
 * (a rule beside the letters makes tesseract read a cell as noise, and slowly). Rules are runs
 * of ink longer than {@link RULE_LENGTH} found by convolving the binarised ink with a line.
 */
export async function withoutRules(image: PageImage): Promise<GreyPage> {
  const { width, height } = image;
  const raw = { raw: { width, height, channels: 1 as const } };
  const grey = await sharpOf(image).greyscale().extractChannel(0).raw().toBuffer();
  // Separate pipelines: sharp applies its operations in its own order, not in call order.
  const paper = await sharp(grey, raw).threshold(195).extractChannel(0).raw().toBuffer();
  const ink = await sharp(paper, raw).negate().extractChannel(0).raw().toBuffer();
  const rules = async (horizontal: boolean) => {
    const [w, h] = horizontal ? [RULE_LENGTH, 3] : [3, RULE_LENGTH];
    const kernel = Array.from({ length: w * h }, (_, i) =>
      (horizontal ? Math.floor(i / w) === 1 : i % w === 1) ? 1 : 0,
    );
    const mean = await sharp(ink, raw)
      .convolve({ width: w, height: h, kernel, scale: RULE_LENGTH })
      .extractChannel(0)
      .raw()
      .toBuffer();
    return sharp(mean, raw).threshold(235).extractChannel(0).raw().toBuffer();
  };
  const [across, down] = await Promise.all([rules(true), rules(false)]);
  const both = await sharp(across, raw).boolean(down, 'or', raw).extractChannel(0).raw().toBuffer();
  // erode widens the white (rule) pixels by one: the rules' anti-aliased edges go too.
  const mask = await sharp(both, raw).erode(1).extractChannel(0).raw().toBuffer();
  const data = await sharp(grey, raw).boolean(mask, 'or', raw).extractChannel(0).raw().toBuffer();
  return { width, height, data };
}

function pageText(
  page: Tesseract.Page,
  width: number,
  height: number,
  orientation: PageText['orientation'],
  skew: number,
): PageText {
  const box = (b: Tesseract.Bbox): Box => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .map((w) => ({ text: normaliseText(w.text), confidence: w.confidence, box: box(w.bbox) }))
          .filter((w) => w.text.trim() !== '');
        if (words.length === 0) continue;
        lines.push({
          text: normaliseText(line.text).trim(),
          confidence: line.confidence,
          box: box(line.bbox),
          words,
        });
      }
    }
  }
  const words = lines.flatMap((l) => l.words);
  // Weighted by letters: a page of long confident words is not pulled down by a stray mark.
  const letters = words.reduce((n, w) => n + [...w.text].length, 0);
  const confidence = letters
    ? words.reduce((s, w) => s + w.confidence * [...w.text].length, 0) / letters
    : 0;
  return {
    width,
    height,
    text: lines.map((l) => l.text).join('\n'),
    lines,
    confidence: Math.round(confidence * 10) / 10,
    orientation,
    skew,
  };
}

/** Turns a page clockwise by `degrees` (a multiple of 90) and then by `skew` degrees. */
async function turn(image: PageImage, degrees: number, skew: number): Promise<PageImage> {
  if (degrees % 360 === 0 && Math.abs(skew) < 0.2) return image;
  let pipeline = sharpOf(image);
  if (degrees % 360 !== 0) pipeline = pipeline.rotate(degrees % 360);
  const turned = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (Math.abs(skew) < 0.2) {
    return { width: turned.info.width, height: turned.info.height, data: turned.data };
  }
  const { width, height } = turned.info;
  const rotated = await sharpOf({ width, height, data: turned.data })
    .rotate(skew, { background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Back to the sheet's own size, about its centre (only the margins' corners fall off): what
  // is placed by the page's proportions (a heading's fifth, the number's corner, the seal
  // beside the signature) stays where the form puts it.
  const { data, info } = await sharpOf({
    width: rotated.info.width,
    height: rotated.info.height,
    data: rotated.data,
  })
    .extract({
      left: Math.floor((rotated.info.width - width) / 2),
      top: Math.floor((rotated.info.height - height) / 2),
      width,
      height,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Width pages are looked at for their orientation: enough to see the lines of print. */
const PROFILE_WIDTH = 400;
const SKEW_LIMIT = 5;
const SKEW_STEP = 0.25;

/**
 * Which way the lines of print run, and how far they are tilted: ink is projected onto the
 * vertical axis (and the horizontal, for a page fed sideways) at each trial angle; lines of
 * text give the sharpest profile when they lie straight along it. Returns quarter turns
 * clockwise (0 or 1: 180 and 270 are told apart by the OCR) and the skew in degrees.
 */
export async function estimateOrientation(
  page: GreyPage,
): Promise<{ quarterTurns: 0 | 1; skew: number }> {
  const { data, info } = await sharp(page.data, {
    raw: { width: page.width, height: page.height, channels: 1 },
  })
    .resize({ width: PROFILE_WIDTH })
    .greyscale()
    .normalise()
    .threshold(150)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x] === 0) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return { quarterTurns: 0, skew: 0 };
  const horizontal = bestAngle(xs, ys);
  const vertical = bestAngle(ys, xs);
  if (vertical.score > horizontal.score * 1.25) {
    // Lines run down the page: a quarter turn clockwise makes them horizontal; the skew,
    // measured on the sideways page, changes sign once turned.
    return { quarterTurns: 1, skew: vertical.angle };
  }
  return { quarterTurns: 0, skew: -horizontal.angle || 0 };
}

/** The angle at which projecting (u, v) onto v gives the peakiest profile (sum of squares). */
function bestAngle(u: number[], v: number[]): { angle: number; score: number } {
  let best = { angle: 0, score: -1 };
  const n = u.length;
  for (let a = -SKEW_LIMIT; a <= SKEW_LIMIT + 1e-9; a += SKEW_STEP) {
    const t = Math.tan((a * Math.PI) / 180);
    const bins = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const b = Math.round(v[i] - u[i] * t);
      bins.set(b, (bins.get(b) ?? 0) + 1);
    }
    let score = 0;
    for (const c of bins.values()) score += c * c;
    score /= n * n;
    // Prefer no turn over a tie: a straight page is the usual case.
    if (score > best.score * (a === 0 ? 0.999 : 1.002))
      best = { angle: Math.round(a * 100) / 100, score };
  }
  return best;
}
