import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A decoded page: RGBA, 4 bytes a pixel, row after row. */
export interface PageImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** What a page is, by its place in the envelope (the guide's order: cover, then case sheets). */
export type PageRole = { kind: 'cover' } | { kind: 'sheet'; sheetNo: number } | { kind: 'other' };

export interface SealFinding {
  /** The seal the page should carry: the applicant's on the cover, the director's on a sheet. */
  proposal: 'found' | 'missing';
  /** 0–1: how sure the detector is of its proposal. */
  confidence: number;
  /** Share of seal-red pixels in the box where the seal belongs. */
  redShare: number;
}

/**
 * Where the seal belongs, as shares of the page's width and height: the seal box in the lower
 * right of a case sheet (一覧表), the applicant's seal beside the signature on the cover.
 * Generous margins: scans are shifted and scaled a little.
 */
const SEAL_BOX = {
  sheet: { x0: 0.68, x1: 0.97, y0: 0.84, y1: 0.995 },
  cover: { x0: 0.74, x1: 0.96, y0: 0.5, y1: 0.61 },
} as const;

/** Share of red from which a seal is taken as present, and the share of full confidence. */
const FOUND_FROM = 0.008;
const SURE_AT = 0.03;

/** Decodes a PNG or JPEG page to RGBA; null for other media (PDF pages are not analysed). */
export function decodePage(bytes: Buffer, mediaType: string): PageImage | null {
  if (mediaType === 'image/png') {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  if (mediaType === 'image/jpeg') {
    const image = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 512 });
    return { width: image.width, height: image.height, data: image.data };
  }
  return null;
}

/** Pages are kept for display at most this wide: an A4 page at 150 dpi, readable on a screen. */
export const NORMALISED_WIDTH = 1240;

/**
 * A page as the console shows it: RGB PNG at most `maxWidth` ({@link NORMALISED_WIDTH}) wide (a
 * phone photo or a 600 dpi scan shrinks; a smaller page is kept at its size), whatever it came as.
 * Returns null when the page is already a PNG no wider than that (nothing to gain). `maxWidth`
 * lets tests shrink small pages.
 */
export function normalisePage(
  page: PageImage,
  mediaType: string,
  maxWidth = NORMALISED_WIDTH,
): Buffer | null {
  if (mediaType === 'image/png' && page.width <= maxWidth) return null;
  const scale = Math.min(1, maxWidth / page.width);
  const width = Math.max(1, Math.round(page.width * scale));
  const height = Math.max(1, Math.round(page.height * scale));
  const png = new PNG({ width, height, colorType: 2 });
  // Box filter: each output pixel averages the input pixels it covers (sharp text, no aliasing).
  for (let y = 0; y < height; y++) {
    const sy0 = Math.floor(y / scale);
    const sy1 = Math.max(sy0 + 1, Math.min(page.height, Math.floor((y + 1) / scale)));
    for (let x = 0; x < width; x++) {
      const sx0 = Math.floor(x / scale);
      const sx1 = Math.max(sx0 + 1, Math.min(page.width, Math.floor((x + 1) / scale)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          const i = (sy * page.width + sx) * 4;
          r += page.data[i];
          g += page.data[i + 1];
          b += page.data[i + 2];
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (y * width + x) * 4;
      png.data[o] = Math.round(r / n);
      png.data[o + 1] = Math.round(g / n);
      png.data[o + 2] = Math.round(b / n);
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}

/** Seal ink: a strong red, far from the black print and the grey rules of the form. */
function isSealRed(r: number, g: number, b: number): boolean {
  return r >= 140 && r - Math.max(g, b) >= 70 && g <= 130 && b <= 130;
}

/**
 * Looks for the red seal in the box where the page should carry it and proposes found or
 * missing, with a confidence, for a person to confirm. Pure: no I/O.
 */
export function detectSeal(page: PageImage, role: PageRole): SealFinding | null {
  if (role.kind === 'other') return null;
  const box = SEAL_BOX[role.kind];
  const x0 = Math.floor(box.x0 * page.width);
  const x1 = Math.ceil(box.x1 * page.width);
  const y0 = Math.floor(box.y0 * page.height);
  const y1 = Math.ceil(box.y1 * page.height);
  let red = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * page.width + x) * 4;
      if (isSealRed(page.data[i], page.data[i + 1], page.data[i + 2])) red++;
    }
  }
  const redShare = red / Math.max(1, (x1 - x0) * (y1 - y0));
  if (redShare >= FOUND_FROM) {
    return {
      proposal: 'found',
      confidence: round2(
        Math.min(1, 0.5 + (0.5 * (redShare - FOUND_FROM)) / (SURE_AT - FOUND_FROM)),
      ),
      redShare: round4(redShare),
    };
  }
  return {
    proposal: 'missing',
    confidence: round2(Math.max(0.5, 1 - (0.5 * redShare) / FOUND_FROM)),
    redShare: round4(redShare),
  };
}

/**
 * Roles of an envelope's pages in the guide's order: the cover first, then one page per case
 * sheet (sheet numbers ascending). Pages beyond those (proofs, certificates) are not analysed.
 */
export function pageRoles(pageCount: number, sheetNos: readonly number[]): PageRole[] {
  const sheets = [...sheetNos].sort((a, b) => a - b);
  return Array.from({ length: pageCount }, (_, i): PageRole => {
    if (i === 0) return { kind: 'cover' };
    const sheetNo = sheets[i - 1];
    return sheetNo === undefined ? { kind: 'other' } : { kind: 'sheet', sheetNo };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;
