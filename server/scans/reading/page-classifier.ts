import { compactText } from '../../common/japanese-text.js';
import { fuzzyFind } from './japanese-text.js';
import type { OcrLine, PageText } from './ocr.js';

/** What a page shows, whatever its place in the envelope. */
export type PageKind =
  | 'cover'
  | 'form1'
  | 'elearning'
  | 'sheet'
  | 'form3'
  | 'attendance'
  | 'palliative'
  | 'name-change'
  | 'letter'
  | 'other';

/** What an attendance page is: a proof, or what the guide refuses as one. */
export type ProofKind = 'proof' | 'receipt' | 'poster';

export interface PageClass {
  kind: PageKind;
  /** Case sheet N (申請2(N)), or the attendance number written top right (1–5); else null. */
  number: number | null;
  /** Only for `attendance`. */
  proofKind: ProofKind | null;
  /** 0–1. */
  confidence: number;
  /** The words that decided it, as read. */
  cues: string[];
}

type Kind = Exclude<PageKind, 'other' | 'attendance'> | ProofKind;

/**
 * Words that say what a page is, with their weight. A word in the page's heading (its top
 * fifth) counts double: the cover's checklist names every other document, and so does a
 * covering letter, but only in their bodies.
 */
const CUES: Record<Kind, [string, number][]> = {
  cover: [
    ['更新申請書', 3],
    ['表紙', 3],
    ['提出書類チェック表', 5],
    ['申請書類提出日', 3],
    ['自署', 2],
  ],
  form1: [
    ['認定医基本情報', 6],
    ['申請1', 2],
    ['医師免許番号', 2],
    ['会員種別', 1],
  ],
  elearning: [
    ['e-learning', 3],
    ['修了証', 2],
    ['ミニテスト', 3],
    ['必須受講', 2],
  ],
  sheet: [
    ['症例一覧表', 5],
    ['申請2', 2],
    ['病院長公印', 3],
    ['診療期間', 2],
    ['病理診断名', 2],
  ],
  form3: [
    ['セミナー参加一覧表', 6],
    ['参加一覧表', 3],
    ['申請3', 2],
  ],
  proof: [
    ['参加証', 4],
    ['参加証明書', 4],
    ['参加したことを証明', 4],
    ['受講記録', 3],
    ['参加履歴', 3],
    ['会員専用ページ', 2],
    ['会期', 1],
  ],
  receipt: [
    ['領収書', 7],
    ['領収証', 7],
    ['上記正に領収', 5],
    ['参加費として', 2],
  ],
  poster: [
    ['ポスターセッション', 7],
    ['ポスター会場', 3],
    ['プログラム', 2],
  ],
  palliative: [
    ['緩和ケア研修会', 4],
    ['修了証書', 3],
    ['開催指針', 3],
    ['主催責任者', 2],
  ],
  'name-change': [
    ['戸籍抄本', 6],
    ['戸籍謄本', 6],
    ['従前の氏', 4],
    ['戸籍に記録されている者', 3],
    ['運転免許証', 3],
    ['旅券', 3],
  ],
  letter: [
    ['拝啓', 5],
    ['敬具', 5],
    ['ご査収', 4],
    ['送付状', 5],
    ['書類送付', 3],
  ],
};

/** A page whose best kind scores less than this is `other`. */
const LEAST_SCORE = 4;

/**
 * Classifies one read page by its text and layout (pure): the kind with the most weight of
 * cue words found (allowing OCR noise), the sheet number from its heading 申請2 症例一覧表(N),
 * the attendance number from what is written top right.
 */
export function classifyPage(page: PageText): PageClass {
  const all = compactText(page.text).toLowerCase();
  const heading = compactText(
    page.lines
      .filter((l) => l.box.y0 < page.height * 0.2)
      .map((l) => l.text)
      .join('\n'),
  ).toLowerCase();
  const scores = (Object.keys(CUES) as Kind[]).map((kind) => {
    let score = 0;
    const cues: string[] = [];
    for (const [cue, weight] of CUES[kind]) {
      const needle = cue.toLowerCase();
      // Short cues must be exact: two letters off would match anything.
      const ratio = [...needle].length >= 5 ? 0.2 : 0;
      if (!fuzzyFind(all, needle, ratio)) continue;
      score += fuzzyFind(heading, needle, ratio) ? weight * 2 : weight;
      cues.push(cue);
    }
    return { kind, score, cues };
  });
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (best.score < LEAST_SCORE) {
    return { kind: 'other', number: null, proofKind: null, confidence: 0.6, cues: best.cues };
  }
  const confidence = round2(
    Math.min(0.99, 0.6 + (0.4 * (best.score - second.score)) / Math.max(best.score, 1)),
  );
  const isAttendance = best.kind === 'proof' || best.kind === 'receipt' || best.kind === 'poster';
  if (isAttendance) {
    return {
      kind: 'attendance',
      number: attendanceNumber(page),
      proofKind: best.kind as ProofKind,
      confidence,
      cues: best.cues,
    };
  }
  return {
    kind: best.kind as PageKind,
    number: best.kind === 'sheet' ? sheetNumber(all) : null,
    proofKind: null,
    confidence,
    cues: best.cues,
  };
}

/** N of 症例一覧表(N) (or 申請2(N)); 1 when the heading has none (a one-sheet dossier). */
export function sheetNumber(compact: string): number | null {
  for (const heading of ['症例一覧表', '申請2']) {
    const at = fuzzyFind(compact, heading, heading.length >= 5 ? 0.2 : 0);
    if (!at) continue;
    const after = [...compact].slice(at.end, at.end + 4).join('');
    const n = /^\(?([1-3])\)?/.exec(after);
    if (n) return Number(n[1]);
  }
  return null;
}

/**
 * The number the applicant wrote at the top right of a proof (3, ③, No.3, (3)): a line of the
 * page's top tenth, right half, that is only that.
 */
export function attendanceNumber(
  page: Pick<PageText, 'lines' | 'width' | 'height'>,
): number | null {
  const corner = (l: OcrLine) => l.box.y1 < page.height * 0.12 && l.box.x0 > page.width * 0.6;
  for (const line of page.lines.filter(corner)) {
    const n = numberWritten(line.text);
    if (n !== null) return n;
  }
  return null;
}

/** 1–5 from what an applicant writes as the number: `3`, `③` (NFKC: 3), `No.3`, `(3)`, `3.`. */
export function numberWritten(text: string): number | null {
  const t = compactText(text).toLowerCase();
  const m = /^(?:no\.?|n0\.?|番号)?[([]?([1-5])[)\].]?$/.exec(t);
  return m ? Number(m[1]) : null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
