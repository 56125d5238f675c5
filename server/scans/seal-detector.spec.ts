import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodePage,
  detectSeal,
  normalisePage,
  pageRoles,
  type PageImage,
} from './seal-detector.js';

const GENERATOR = join(
  process.env.SHINSA_SHARED_DIR ?? join(__dirname, '..', '..', '..', 'shared'),
  'tools',
  'gen-bundle.mjs',
);

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
    const out = mkdtempSync(join(tmpdir(), 'shinsa-seals-'));
    execFileSync(process.execPath, [
      GENERATOR,
      '--out',
      out,
      '--applicants',
      '8',
      '--scans',
      '--defects',
      '0',
      '--quiet',
    ]);
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
    const large = page(2480, 3508, { x: 2050, y: 3280, r: 120 });
    const png = normalisePage(large, 'image/jpeg')!;
    const shrunk = decodePage(png, 'image/png')!;
    expect([shrunk.width, shrunk.height]).toEqual([1240, 1754]);
    expect(detectSeal(shrunk, { kind: 'sheet', sheetNo: 1 })!.proposal).toBe('found');
    expect(normalisePage(page(600, 850), 'image/png')).toBeNull();
  });
});
