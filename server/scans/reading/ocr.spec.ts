import { drawPage } from '../../../test/support/scan-pages/draw.mjs';
import * as fx from '../../../test/support/scan-pages/effects.mjs';
import { MEETINGS, planEnvelope, random } from '../../../test/support/scan-pages/envelopes.mjs';
import { compactText } from '../../common/japanese-text.js';
import { estimateOrientation, OcrPool, withoutRules } from './ocr.js';
import { readPage } from './page-reader.js';

// A sheet of 22 cases as the renderer draws them (varied rows). A table of identical rows
// can still pass for text sideways: the reader then tries the other axis when the text reads
// badly.
const sheetSpec = planEnvelope(3, { seed: 7 }).pages.find((p) => p.kind === 'sheet')!;

describe('OCR', () => {
  it('finds a full case sheet upright, the table’s columns notwithstanding, and its skew', async () => {
    const sheet = await fx.rasterise(await drawPage(sheetSpec, random(1)));
    expect(await estimateOrientation(await withoutRules(sheet))).toEqual({
      quarterTurns: 0,
      skew: 0,
    });
    const sideways = await fx.rotate(sheet, 90);
    expect((await estimateOrientation(await withoutRules(sideways))).quarterTurns).toBe(1);
    // Skewed, the rules stay in and may pass for text either way: the skew is right on either
    // axis, and the reader judges the orientation again once the page is straight.
    const skewed = await fx.rotate(sheet, 3);
    expect(Math.abs((await estimateOrientation(await withoutRules(skewed))).skew)).toBe(3);
  });

  // One page through tesseract (a few seconds): the rest of the reading is tested on its text.
  it('reads a proof scanned upside down and skewed: name, meeting, date, number', async () => {
    const meeting = MEETINGS[4];
    const page = await fx.rasterise(
      await drawPage(
        {
          kind: 'proof',
          style: 'card',
          no: 3,
          numberStyle: 'circled',
          meeting,
          dates: [meeting.start, meeting.end],
          shownName: '高橋 一郎',
          hospital: '東京中央病院',
        },
        random(2),
      ),
    );
    const scanned = await fx.jpegRoundTrip(await fx.rotate(page, 182), 60);
    const pool = await OcrPool.start({ size: 1 });
    try {
      const { page: read } = await readPage(pool, scanned, 'R2021-000001-5');
      const text = read.text;
      expect(text.orientation).toBe(180);
      const compact = compactText(text.text);
      expect(compact).toContain('第59回日本癌治療学会学術集会');
      expect(compact).toContain('高橋一郎');
      expect(compact).toContain('2021年10月21日');
      // The circled ③ alone at the top right is read by a second look at the corner.
      expect(read).toMatchObject({
        kind: 'attendance',
        number: 3,
        proofKind: 'proof',
      });
    } finally {
      await pool.close();
    }
  });
});
