import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateBundle } from '../../test/support/bundles.js';
import {
  decodePage,
  detectSeal,
  normalisePage,
  pageRoles,
  type PageImage,
} from './seal-detector.js';

/** A white page with a red disc where asked. */
function page(
  width: number,
  height: number,
  disc?: { x: number; y: number; r: number },
): PageImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  if (disc) {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        if ((x - disc.x) ** 2 + (y - disc.y) ** 2 <= disc.r ** 2) {
          const i = (y * width + x) * 4;
          data[i + 1] = 40;
          data[i + 2] = 50;
          data[i] = 200;
        }
  }
  return { width, height, data };
}

describe('seal detector', () => {
  it('finds a red seal in a sheet’s seal box and proposes missing on a blank box', () => {
    const sealed = detectSeal(page(600, 850, { x: 495, y: 795, r: 30 }), {
      kind: 'sheet',
      sheetNo: 1,
    });
    expect(sealed).toMatchObject({ proposal: 'found' });
    expect(sealed!.confidence).toBeGreaterThan(0.9);
    const blank = detectSeal(page(600, 850), { kind: 'sheet', sheetNo: 1 });
    expect(blank).toEqual({ proposal: 'missing', confidence: 1, redShare: 0 });
    // The same seal scanned at twice the size is still found (positions are shares of the page).
    expect(
      detectSeal(page(1200, 1700, { x: 990, y: 1590, r: 60 }), { kind: 'sheet', sheetNo: 1 })!
        .proposal,
    ).toBe('found');
  });

  it('does not take black print or a seal elsewhere on the page for the seal', () => {
    const elsewhere = detectSeal(page(600, 850, { x: 100, y: 100, r: 30 }), {
      kind: 'sheet',
      sheetNo: 2,
    });
    expect(elsewhere!.proposal).toBe('missing');
    expect(detectSeal(page(600, 850), { kind: 'other' })).toBeNull();
  });

  it('gives the pages of an envelope their roles: cover, then the sheets in order', () => {
    expect(pageRoles(4, [2, 1])).toEqual([
      { kind: 'cover' },
      { kind: 'sheet', sheetNo: 1 },
      { kind: 'sheet', sheetNo: 2 },
      { kind: 'other' },
    ]);
  });

  it('reads generated scans right: every seal of 8 applicants', () => {
    const out = generateBundle({ applicants: 8, scans: true, defects: 0 });
    const files = readdirSync(join(out, 'scans')).sort();
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const pageNo = Number(/-(\d+)\.png$/.exec(file)![1]);
      const image = decodePage(readFileSync(join(out, 'scans', file)), 'image/png')!;
      const finding = detectSeal(
        image,
        pageNo === 1 ? { kind: 'cover' } : { kind: 'sheet', sheetNo: pageNo - 1 },
      );
      expect([file, finding!.proposal]).toEqual([file, 'found']);
    }
  });

  it('normalises a large page to 1,240 px wide, keeping its seal; a small PNG is left as it is', () => {
    // An A4 page at 300 dpi is 2,480 px wide; a strip of it is enough for the default width.
    const a4Strip = decodePage(normalisePage(page(2480, 8), 'image/jpeg')!, 'image/png')!;
    expect([a4Strip.width, a4Strip.height]).toEqual([1240, 4]);
    expect(normalisePage(page(1240, 2), 'image/png')).toBeNull();
    // The whole page, seal included, scaled the same (to half) under a small limit.
    const large = page(248, 351, { x: 205, y: 328, r: 12 });
    const shrunk = decodePage(normalisePage(large, 'image/jpeg', 124)!, 'image/png')!;
    expect([shrunk.width, shrunk.height]).toEqual([124, 176]);
    expect(detectSeal(shrunk, { kind: 'sheet', sheetNo: 1 })!.proposal).toBe('found');
    expect(normalisePage(page(600, 850), 'image/png')).toBeNull();
  });
});
