import type { OcrLine, PageText } from '../../../server/scans/reading/ocr.js';

/**
 * A page's text as the OCR gives it, from lines placed on an A4 page at 200 dpi (1654 × 2339):
 * `[text, x0, y0]` or plain text (then stacked down the left margin). For pure tests of what
 * is done with OCR output; letters are spaced out as tesseract writes Japanese.
 */
export function pageTextOf(lines: (string | [string, number, number])[]): PageText {
  const ocrLines: OcrLine[] = lines.map((line, i) => {
    const [text, x0, y0] = typeof line === 'string' ? [line, 160, 300 + i * 60] : line;
    const box = { x0, y0, x1: x0 + 30 * [...text].length, y1: y0 + 32 };
    const spaced = [...text].join(' ');
    return {
      text: spaced,
      confidence: 90,
      box,
      words: [{ text: spaced, confidence: 90, box }],
    };
  });
  return {
    width: 1654,
    height: 2339,
    text: ocrLines.map((l) => l.text).join('\n'),
    lines: ocrLines,
    confidence: 90,
    orientation: 0,
    skew: 0,
  };
}
