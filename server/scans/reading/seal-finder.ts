import { compactText } from '../../common/japanese-text.js';
import { fuzzyFind } from './japanese-text.js';
import type { Box, OcrLine, PageText } from './ocr.js';
import type { PageImage } from './page-images.js';

/** A grey page (one byte a pixel) with the ruled lines of the form taken out. */
export interface GreyPage {
  width: number;
  height: number;
  data: Buffer;
}

export interface SealReading {
  present: boolean;
  /** 0–1: how sure the finder is. */
  confidence: number;
  /** Where the seal was looked for, in the upright page's pixels. */
  box: Box;
  /** How the place was found: from the form's label, or (label unread) from the text near it. */
  foundBy: 'label' | 'nearby-text' | 'layout';
  /** Seal red (colour scans) or ink (grey and bilevel scans) as a share of the place. */
  share: number;
  by: 'colour' | 'ink';
  /** Why, for the person confirming: 「病院長公印」欄に赤い印影 (12.3%). */
  evidence: string;
}

/**
 * Shares of the place from which a seal is taken as present, and sure; below `absentBelow`
 * the place is taken as empty. Between the two the proposal is made with low confidence.
 */
const THRESHOLDS = {
  colour: { presentFrom: 0.02, sureAt: 0.05, absentBelow: 0.006 },
  ink: { presentFrom: 0.028, sureAt: 0.07, absentBelow: 0.015 },
} as const;

/**
 * Decides whether the seal the page should carry is there: the director's 公印 in a case
 * sheet's 病院長公印 box, or the applicant's seal beside the signature on the cover. The place
 * comes from the page's text (the box's label, the signature line) and the form's proportions,
 * so it follows the form wherever the table ends. On a colour scan the seal is the red ink
 * there; on a grey or bilevel scan (no red anywhere on the page) it is the ink there, once the
 * form's rules are out (`clean`) and the printed text the form puts there is set aside.
 */
export function findSeal(
  kind: 'cover' | 'sheet',
  page: PageImage,
  text: PageText,
  clean?: GreyPage,
): SealReading | null {
  const place = kind === 'sheet' ? directorSealPlace(text) : coverSealPlace(text);
  if (!place) return null;
  const box = clip(place.box, page.width, page.height);
  const colour = hasColour(page);
  // Without its label the cover's printed 印 may be unread too, and pass for seal ink on a
  // grey scan: only red tells there.
  if (place.foundBy === 'layout' && !colour) return null;
  const by = colour ? 'colour' : 'ink';
  const printed = kind === 'cover' ? printedInside(text, box, ['印']) : [];
  // Inside the box its borders are out of the place, and a square seal's sides (long straight
  // strokes) must stay: the page as scanned. A place found from nearby text spans the box's
  // borders: the page without its rules.
  const grey = place.foundBy !== 'nearby-text' || !clean ? greyOf(page) : clean;
  const mask = colour ? redMask(page, box) : inkMask(grey, box, printed);
  // A place found from nearby text is larger than the box: the seal is where ink is densest
  // over a box's size.
  const share =
    place.foundBy !== 'nearby-text'
      ? densest(mask, box, box.x1 - box.x0, box.y1 - box.y0)
      : densest(mask, box, Math.round(0.198 * page.width), Math.round(0.13 * page.height));
  const t = THRESHOLDS[by];
  const present = share >= t.presentFrom;
  let confidence: number;
  if (present)
    confidence = 0.75 + 0.24 * Math.min(1, (share - t.presentFrom) / (t.sureAt - t.presentFrom));
  else if (share <= t.absentBelow) confidence = 0.9 + 0.09 * (1 - share / t.absentBelow);
  else confidence = 0.55 + (0.2 * (t.presentFrom - share)) / (t.presentFrom - t.absentBelow);
  // A place found without its label is less certain.
  if (place.foundBy !== 'label') confidence *= 0.9;
  const where = kind === 'sheet' ? '「病院長公印」欄' : '表紙の署名欄';
  const what = colour ? '赤い印影' : '印影らしい押印';
  const pct = `${(share * 100).toFixed(1)}%`;
  return {
    present,
    confidence: Math.round(confidence * 100) / 100,
    box,
    foundBy: place.foundBy,
    share: Math.round(share * 10000) / 10000,
    by,
    evidence: present ? `${where}に${what}あり(${pct})` : `${where}に印影なし(${pct})`,
  };
}

const lineMatching = (text: PageText, needle: string, ratio = 0.2) =>
  text.lines.find((l) => fuzzyFind(compactText(l.text), needle, ratio));

/**
 * The inside of the 病院長公印 box: the label sits in its top left corner; the box is 130 × 120
 * pt on the board's form (22% of the page's width, 14% of its height). Without the label (a
 * seal stamped over it), the box is under the director's line (…病院長 氏名).
 */
function directorSealPlace(text: PageText): { box: Box; foundBy: SealReading['foundBy'] } | null {
  const { width: w, height: h } = text;
  const label = lineMatching(text, '病院長公印') ?? lineMatching(text, '院長公印');
  if (label) {
    // The label is 6 pt in from the box's left side: start 3.6 pt inside it.
    const x0 = label.box.x0 - 0.004 * w;
    const y0 = label.box.y1 + 0.002 * h;
    return {
      box: { x0, y0, x1: x0 + 0.198 * w, y1: label.box.y0 + 0.132 * h },
      foundBy: 'label',
    };
  }
  const director = text.lines.find(
    (l) =>
      compactText(l.text).includes('病院長') && !fuzzyFind(compactText(l.text), '症例一覧表', 0.2),
  );
  if (!director) return null;
  return {
    box: {
      x0: 0.08 * w,
      y0: director.box.y1 + 0.02 * h,
      x1: 0.95 * w,
      y1: director.box.y1 + 0.19 * h,
    },
    foundBy: 'nearby-text',
  };
}

/**
 * The applicant's seal on the cover: beside the signature, at the right end of the line
 * 申請者氏名(自署) ____ 印, around the printed 印 (the signature itself lies further left).
 */
function coverSealPlace(text: PageText): { box: Box; foundBy: SealReading['foundBy'] } | null {
  const { width: w, height: h } = text;
  const label: OcrLine | undefined =
    lineMatching(text, '申請者氏名') ?? lineMatching(text, '自署', 0);
  // A seal over the label can make it unreadable: the signature line is the one under the
  // date of submission (申請書類提出日), the form's line before it.
  const line = label ?? lineAfter(text, lineMatching(text, '申請書類提出日'));
  if (!line) return null;
  const cy = (line.box.y0 + line.box.y1) / 2;
  // A seal of 12–15 mm: 4–5% of the page's height; the place allows for it being off the 印.
  return {
    box: { x0: 0.742 * w, y0: cy - 0.042 * h, x1: 0.865 * w, y1: cy + 0.045 * h },
    foundBy: label ? 'label' : 'layout',
  };
}

/** The next line down the page from `line`, within 8% of the page's height. */
function lineAfter(text: PageText, line: OcrLine | undefined): OcrLine | undefined {
  if (!line) return undefined;
  return text.lines
    .filter((l) => l.box.y0 >= line.box.y1 - 2 && l.box.y0 <= line.box.y1 + 0.08 * text.height)
    .sort((a, b) => a.box.y0 - b.box.y0)[0];
}

function printedInside(text: PageText, box: Box, letters: string[]): Box[] {
  return text.lines
    .flatMap((l) => l.words)
    .filter((wd) => letters.includes(wd.text.trim()) && wd.confidence >= 60)
    .filter(
      (wd) =>
        wd.box.x0 >= box.x0 && wd.box.x1 <= box.x1 && wd.box.y0 >= box.y0 && wd.box.y1 <= box.y1,
    )
    .map((wd) => wd.box);
}

function clip(b: Box, width: number, height: number): Box {
  const x0 = Math.max(0, Math.min(width - 1, Math.round(b.x0)));
  const y0 = Math.max(0, Math.min(height - 1, Math.round(b.y0)));
  return {
    x0,
    y0,
    x1: Math.max(x0 + 1, Math.min(width, Math.round(b.x1))),
    y1: Math.max(y0 + 1, Math.min(height, Math.round(b.y1))),
  };
}

/** Seal ink: red well above green and blue (a faint seal is pink, still clearly red). */
function isRed(r: number, g: number, b: number): boolean {
  return r >= 120 && r - Math.max(g, b) >= 40;
}

/** Whether the scan kept colour: some red ink somewhere (a grey scan has none at all). */
function hasColour(page: PageImage): boolean {
  const { width, height, data } = page;
  let red = 0;
  // Every 3rd pixel of every 3rd row: enough to see a seal, a ninth of the work.
  for (let y = 0; y < height; y += 3) {
    for (let x = 0; x < width; x += 3) {
      const i = (y * width + x) * 3;
      if (isRed(data[i], data[i + 1], data[i + 2]) && ++red >= 40) return true;
    }
  }
  return false;
}

/** The page's luminance, one byte a pixel (ITU-R BT.601 weights). */
function greyOf(page: PageImage): GreyPage {
  const data = Buffer.alloc(page.width * page.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 3) {
    data[i] = (page.data[j] * 77 + page.data[j + 1] * 150 + page.data[j + 2] * 29) >> 8;
  }
  return { width: page.width, height: page.height, data };
}

function redMask(page: PageImage, box: Box): Uint8Array {
  const w = box.x1 - box.x0;
  const mask = new Uint8Array(w * (box.y1 - box.y0));
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * page.width + x) * 3;
      if (isRed(page.data[i], page.data[i + 1], page.data[i + 2]))
        mask[(y - box.y0) * w + x - box.x0] = 1;
    }
  }
  return mask;
}

/** The largest share of the mask in a window of `ww` × `wh` (the whole place when smaller). */
function densest(mask: Uint8Array, box: Box, ww: number, wh: number): number {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const cw = Math.min(w, ww);
  const ch = Math.min(h, wh);
  // Integral image: sums of any window in four look-ups.
  const sum = new Uint32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += mask[y * w + x];
      sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
    }
  }
  const at = (x: number, y: number) => sum[y * (w + 1) + x];
  const step = Math.max(1, Math.floor(Math.min(cw, ch) / 8));
  let best = 0;
  for (let y = 0; y + ch <= h; y += step) {
    for (let x = 0; x + cw <= w; x += step) {
      const n = at(x + cw, y + ch) - at(x, y + ch) - at(x + cw, y) + at(x, y);
      if (n > best) best = n;
    }
  }
  return best / (cw * ch);
}

/**
 * Ink in the place on the rule-free grey page: pixels well darker than the paper there, the
 * printed letters the form puts there set aside. Lone specks (scanner noise) do not count:
 * a pixel is ink only when the pixels beside it are too.
 */
function inkMask(page: GreyPage, box: Box, printed: Box[]): Uint8Array {
  const { width, data } = page;
  const histogram = new Array<number>(256).fill(0);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) histogram[data[y * width + x]]++;
  }
  const area = (box.x1 - box.x0) * (box.y1 - box.y0);
  // The paper: the brightness that 60% of the place reaches (the seal covers less).
  let seen = 0;
  let paper = 255;
  for (let v = 255; v >= 0; v--) {
    seen += histogram[v];
    if (seen >= area * 0.4) {
      paper = v;
      break;
    }
  }
  const dark = Math.max(40, paper - 45);
  const isInk = (x: number, y: number) => data[y * width + x] <= dark;
  const skip = (x: number, y: number) =>
    printed.some((b) => x >= b.x0 - 2 && x < b.x1 + 2 && y >= b.y0 - 2 && y < b.y1 + 2);
  const w = box.x1 - box.x0;
  const mask = new Uint8Array(w * (box.y1 - box.y0));
  for (let y = box.y0 + 1; y < box.y1 - 1; y++) {
    for (let x = box.x0 + 1; x < box.x1 - 1; x++) {
      if (!isInk(x, y) || skip(x, y)) continue;
      const neighbours = +isInk(x - 1, y) + +isInk(x + 1, y) + +isInk(x, y - 1) + +isInk(x, y + 1);
      if (neighbours >= 2) mask[(y - box.y0) * w + x - box.x0] = 1;
    }
  }
  return mask;
}
