import type { GreyPage } from './seal-finder.js';

/** Darker than this is ink (0–255 grey), for finding specks. */
const INK = 128;
/** A speck is at most this many pixels of ink (a dot of 2.5 px radius at 200 dpi is ~20). */
const SPECK_AREA = 30;
/** …and fits in a square this wide. */
const SPECK_SIZE = 8;
/**
 * …with no other ink this near (px): print keeps its dots (the point of R3.10.21, a dakuten,
 * the dot of an i) within 2–4 px of the letter they belong to.
 */
const CLEARANCE = 6;

/**
 * The page without its specks: small blobs of ink with only paper around them, as a dusty
 * platen or a copy of a copy leaves (tesseract reads a speck beside a line as a kanji, 国 or
 * 謀). Letters and their dots stay: they touch or nearly touch other ink. Returns the number
 * of specks taken out; a clean page comes back as it was.
 */
export function withoutSpecks(page: GreyPage): { page: GreyPage; specks: number } {
  const { width, height, data } = page;
  const label = new Int32Array(width * height);
  const out = Buffer.from(data);
  const stack: number[] = [];
  let specks = 0;
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] >= INK || label[start] !== 0) continue;
    // One component of 8-connected ink, given up on once larger than a speck.
    next++;
    const pixels: number[] = [];
    let big = false;
    let [x0, y0, x1, y1] = [width, height, -1, -1];
    label[start] = next;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      if (!big) {
        pixels.push(i);
        if (pixels.length > SPECK_AREA) big = true;
      }
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (label[j] === 0 && data[j] < INK) {
            label[j] = next;
            stack.push(j);
          }
        }
      }
    }
    if (big || x1 - x0 >= SPECK_SIZE || y1 - y0 >= SPECK_SIZE) continue;
    if (inkNear(data, label, width, height, next, x0, y0, x1, y1)) continue;
    // Paper where the speck was, its soft edge too.
    for (let y = Math.max(0, y0 - 1); y <= Math.min(height - 1, y1 + 1); y++)
      for (let x = Math.max(0, x0 - 1); x <= Math.min(width - 1, x1 + 1); x++)
        out[y * width + x] = 255;
    specks++;
  }
  return { page: specks ? { width, height, data: out } : page, specks };
}

function inkNear(
  data: Buffer,
  label: Int32Array,
  width: number,
  height: number,
  own: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  for (let y = Math.max(0, y0 - CLEARANCE); y <= Math.min(height - 1, y1 + CLEARANCE); y++) {
    for (let x = Math.max(0, x0 - CLEARANCE); x <= Math.min(width - 1, x1 + CLEARANCE); x++) {
      const i = y * width + x;
      if (data[i] < INK && label[i] !== own) return true;
    }
  }
  return false;
}
