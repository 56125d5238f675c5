import { drawPage, type PageSpec } from '../../../test/support/scan-pages/draw.mjs';
import * as fx from '../../../test/support/scan-pages/effects.mjs';
import { random } from '../../../test/support/scan-pages/envelopes.mjs';
import { withoutRules, type PageText } from './ocr.js';
import type { PageImage } from './page-images.js';
import { findSeal } from './seal-finder.js';

/** Points of the drawing to pixels of the page read at 200 dpi. */
const px = (pt: number) => (pt * 200) / 72;

/** The OCR's lines that the finder uses, where draw.mjs puts them. */
function textOf(
  lines: { text: string; x0: number; y0: number; x1: number; y1: number }[],
): PageText {
  return {
    width: 1654,
    height: 2339,
    text: lines.map((l) => l.text).join('\n'),
    lines: lines.map(({ text, ...box }) => ({
      text,
      confidence: 90,
      box,
      words: [...text].map((c, i) => ({
        text: c,
        confidence: 90,
        box: { x0: box.x0 + i * 30, y0: box.y0, x1: box.x0 + i * 30 + 28, y1: box.y1 },
      })),
    })),
    confidence: 90,
    orientation: 0,
    skew: 0,
  };
}

// A sheet of five cases: the 病院長公印 box's label at (415, 309) pt.
const sheetText = textOf([
  { text: '申請2 症例一覧表(1)', x0: 156, y0: 111, x1: 560, y1: 155 },
  {
    text: '病院長公印',
    x0: Math.round(px(415.3)),
    y0: Math.round(px(309)),
    x1: Math.round(px(461)),
    y1: Math.round(px(320)),
  },
]);
// The cover's signature line: 申請者氏名(自署), the signature, and the printed 印 at 452 pt.
const coverText = textOf([
  { text: '申請者氏名(自署) 髙橋一郎', x0: 194, y0: 812, x1: 1200, y1: 905 },
  {
    text: '印',
    x0: Math.round(px(452)),
    y0: Math.round(px(300)),
    x1: Math.round(px(466)),
    y1: Math.round(px(316)),
  },
]);

const cases = Array.from({ length: 5 }, (_, i) => ({
  period: '2018/04～2019/03',
  item: '手術',
  age: 60 + i,
  sex: '男',
  diagnosis: '胃癌',
  pathology: '腺癌',
}));
const sheet = (seal: object): PageSpec => ({
  kind: 'sheet',
  sheetNo: 1,
  certNo: '028361',
  name: '髙橋 一郎',
  hospital: '東京中央病院',
  director: '佐藤 健',
  cases,
  boxShift: 0,
  seal,
});
const cover = (seal: object): PageSpec => ({
  kind: 'cover',
  certNo: '028361',
  name: '髙橋 一郎',
  submitDay: 20,
  seal,
});

const EFFECTS: Record<string, (img: PageImage) => Promise<PageImage>> = {
  colour: async (img) => img,
  'jpeg-q40': (img) => fx.jpegRoundTrip(img, 40),
  noise: (img) => fx.addNoise(img, random(3)),
  grey: (img) => fx.grey(img),
  bilevel: (img) => fx.bilevel(img, 170),
};

describe('seal finder on rendered pages', () => {
  const pages: Record<string, PageImage> = {};
  beforeAll(async () => {
    const rand = random(1);
    const specs: Record<string, PageSpec> = {
      'sheet square': sheet({
        shape: 'square',
        chars: '東京中央病院長印',
        size: 72,
        tilt: 3,
        dy: -8,
      }),
      'sheet round': sheet({ shape: 'round', chars: '病院長印', size: 62, dx: 10 }),
      'sheet faint': sheet({ shape: 'square', chars: '中央病院長印', size: 70, faint: true }),
      'sheet none': sheet({ shape: 'square', chars: '中央病院長印', size: 70, absent: true }),
      'cover round': cover({ shape: 'round', chars: '髙橋', size: 34, tilt: -5 }),
      'cover faint': cover({ shape: 'round', chars: '髙橋', size: 34, faint: true, dx: 3 }),
      'cover none': cover({ shape: 'round', chars: '髙橋', size: 34, absent: true }),
    };
    for (const [name, spec] of Object.entries(specs)) {
      pages[name] = await fx.rasterise(await drawPage(spec, rand));
    }
  });

  for (const effect of Object.keys(EFFECTS)) {
    it(`finds present seals and misses none that are absent: ${effect}`, async () => {
      const got: Record<string, boolean | undefined> = {};
      for (const [name, page] of Object.entries(pages)) {
        const scanned = await EFFECTS[effect](page);
        // A faint seal lighter than a copier's threshold leaves nothing on a bilevel scan.
        if (effect === 'bilevel' && name.endsWith('faint')) continue;
        const kind = name.startsWith('sheet') ? 'sheet' : 'cover';
        const reading = findSeal(kind, scanned, kind === 'sheet' ? sheetText : coverText);
        got[name] = reading?.present;
        if (reading && name.endsWith('none')) expect(reading.confidence).toBeGreaterThan(0.5);
      }
      const faint = effect === 'bilevel' ? {} : { 'sheet faint': true, 'cover faint': true };
      expect(got).toEqual({
        'sheet square': true,
        'sheet round': true,
        'sheet none': false,
        'cover round': true,
        'cover none': false,
        ...faint,
      });
    });
  }

  it('looks under the director’s line when the box’s label did not read', async () => {
    const page = pages['sheet square'];
    const text = textOf([
      {
        text: '東京中央病院 病院長 佐藤 健',
        x0: 156,
        y0: Math.round(px(278)),
        x1: 700,
        y1: Math.round(px(290)),
      },
    ]);
    const grey = await fx.grey(page);
    const reading = findSeal('sheet', grey, text, await withoutRules(grey));
    expect(reading).toMatchObject({ present: true, foundBy: 'nearby-text', by: 'ink' });
    expect(findSeal('sheet', page, textOf([]))).toBeNull();
  });

  it('takes the line under the date of submission for the cover’s unread signature line', async () => {
    // The cover's signature line at 812–905 px; 申請書類提出日 the line above it.
    const text = textOf([
      { text: '申請書類提出日 2021年9月17日', x0: 194, y0: 740, x1: 1000, y1: 790 },
      { text: 'emgm る 目 唇 髙橋一郎', x0: 194, y0: 812, x1: 1200, y1: 905 },
    ]);
    expect(findSeal('cover', pages['cover round'], text)).toMatchObject({
      present: true,
      foundBy: 'layout',
    });
    // No red on the page (a grey scan, or no seal): without the printed 印 read, ink there
    // does not tell a seal from it, so the place stays unread.
    expect(findSeal('cover', pages['cover none'], text)).toBeNull();
    expect(findSeal('cover', await fx.grey(pages['cover round']), text)).toBeNull();
  });
});
