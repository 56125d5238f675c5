import { withoutSpecks } from './specks.js';

/** A white page with ink drawn as rectangles [x, y, w, h]. */
function pageWith(rects: [number, number, number, number][], width = 120, height = 60) {
  const data = Buffer.alloc(width * height, 255);
  for (const [x0, y0, w, h] of rects)
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * width + x] = 30;
  return { width, height, data };
}
const inkAt = (p: { width: number; data: Buffer }, x: number, y: number) =>
  p.data[y * p.width + x] < 128;

describe('specks', () => {
  it('takes out specks standing alone, and keeps strokes and the dots beside them', () => {
    const page = pageWith([
      [10, 10, 4, 4], // a speck alone
      [100, 50, 2, 2], // another, at the edge
      [40, 10, 3, 30], // a stroke
      [45, 36, 3, 3], // a point 2 px from it (R3.10.21)
      [60, 20, 40, 3], // a rule-like stroke
    ]);
    const { page: out, specks } = withoutSpecks(page);
    expect(specks).toBe(2);
    expect(inkAt(out, 11, 11)).toBe(false);
    expect(inkAt(out, 100, 50)).toBe(false);
    expect(inkAt(out, 41, 20)).toBe(true);
    expect(inkAt(out, 46, 37)).toBe(true);
    expect(inkAt(out, 70, 21)).toBe(true);
  });

  it('gives a page without specks back as it was', () => {
    const page = pageWith([[40, 10, 3, 30]]);
    expect(withoutSpecks(page)).toEqual({ page, specks: 0 });
  });
});
