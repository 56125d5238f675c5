import { compactText } from '../../common/japanese-text.js';
import { extractDates, fuzzyFind, isoDate, type TextDate } from './japanese-text.js';
import type { Box, PageText } from './ocr.js';
import type { ReadPage } from './page-reader.js';

/** What the dossier says the envelope should hold (from 申請1–3 and the master data). */
export interface DossierFacts {
  family: string;
  given: string;
  /** 旧姓: proofs may carry it; a name-change proof is then required. */
  maidenName: string | null;
  /** Case sheets used (1–3). */
  sheetNos: number[];
  /** 申請3's list: number, meeting name and days (ISO). */
  attendances: { no: number; meetingName: string; start: string; end: string }[];
  /** The palliative-care certificate, required when a deferral is on record. */
  palliative: { required: boolean; certificateNo: string | null };
}

export type Finding = 'found' | 'missing' | 'insufficient';

/** One proposal per checklist item, for a person to confirm (interface.md `proposal`). */
export interface Proposal {
  rule:
    | 'doc.cover'
    | 'doc.seal'
    | 'doc.elearning'
    | 'doc.attendance'
    | 'doc.palliative'
    | 'doc.name-change';
  ref: string | null;
  finding: Finding;
  confidence: number;
  /** The page read for it (受付番号-N), or null when no page is that document. */
  page: string | null;
  evidence: string;
  /** Where on the page the evidence is, for highlighting. */
  boxes: Box[];
}

/**
 * Proposes a finding for every doc.* item of the dossier from the read pages of its envelopes
 * (pure): the cover and its seal, the director's seal on each case sheet used, the e-learning
 * certificate in the applicant's name, each listed attendance's proof (full name, the listed
 * meeting, a date within it; not a receipt, a poster programme, the surname only or another
 * person), the palliative-care certificate and its number, the name-change proof.
 */
export function proposeFindings(facts: DossierFacts, pages: readonly ReadPage[]): Proposal[] {
  const proposals: Proposal[] = [coverProposal(pages)];
  for (const sheetNo of [...facts.sheetNos].sort((a, b) => a - b)) {
    proposals.push(sealProposal(sheetNo, facts.sheetNos, pages));
  }
  proposals.push(elearningProposal(facts, pages));
  for (const attendance of [...facts.attendances].sort((a, b) => a.no - b.no)) {
    proposals.push(attendanceProposal(facts, attendance, pages));
  }
  if (facts.palliative.required) proposals.push(palliativeProposal(facts, pages));
  if (facts.maidenName) proposals.push(nameChangeProposal(facts, pages));
  return proposals;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const missing = (rule: Proposal['rule'], ref: string | null, evidence: string): Proposal => ({
  rule,
  ref,
  finding: 'missing',
  // How sure: as sure as the classifier was that no page is this one; a fixed, modest figure.
  confidence: 0.85,
  page: null,
  evidence,
  boxes: [],
});

function coverProposal(pages: readonly ReadPage[]): Proposal {
  const cover = best(
    pages.filter((p) => p.kind === 'cover'),
    (p) => (p.seal?.present ? 1 : 0),
  );
  if (!cover) return missing('doc.cover', null, '表紙が見つかりません');
  const seal = cover.seal;
  if (!seal) {
    return {
      rule: 'doc.cover',
      ref: null,
      finding: 'insufficient',
      confidence: round2(cover.confidence * 0.6),
      page: cover.ref,
      evidence: '表紙の署名欄が読み取れません',
      boxes: [],
    };
  }
  return {
    rule: 'doc.cover',
    ref: null,
    finding: seal.present ? 'found' : 'insufficient',
    confidence: round2(cover.confidence * seal.confidence),
    page: cover.ref,
    evidence: seal.present ? `表紙 / ${seal.evidence}` : `表紙 / ${seal.evidence}(捺印なし)`,
    boxes: [seal.box],
  };
}

function sealProposal(sheetNo: number, used: number[], pages: readonly ReadPage[]): Proposal {
  const ref = `sheet:${sheetNo}`;
  const sheets = pages.filter((p) => p.kind === 'sheet');
  let candidates = sheets.filter((p) => p.number === sheetNo);
  // A heading whose number did not read: the sheets left over take the numbers left over.
  if (candidates.length === 0) {
    const numbered = new Set(sheets.map((p) => p.number).filter((n) => n !== null));
    const free = used.filter((n) => !numbered.has(n)).sort((a, b) => a - b);
    const unnumbered = sheets.filter((p) => p.number === null);
    const k = free.indexOf(sheetNo);
    if (k >= 0 && unnumbered[k]) candidates = [unnumbered[k]];
  }
  const sheet = best(candidates, (p) => (p.seal?.present ? 1 : 0));
  if (!sheet) return missing('doc.seal', ref, `申請2 症例一覧表(${sheetNo})が見つかりません`);
  const seal = sheet.seal;
  if (!seal) {
    return {
      rule: 'doc.seal',
      ref,
      finding: 'missing',
      confidence: round2(sheet.confidence * 0.6),
      page: sheet.ref,
      evidence: `症例一覧表(${sheetNo})の「病院長公印」欄が読み取れません`,
      boxes: [],
    };
  }
  return {
    rule: 'doc.seal',
    ref,
    finding: seal.present ? 'found' : 'missing',
    confidence: round2(sheet.confidence * seal.confidence),
    page: sheet.ref,
    evidence: `症例一覧表(${sheetNo}) / ${seal.evidence}`,
    boxes: [seal.box],
  };
}

/** How the applicant's name shows on a page. */
type NameOnPage =
  | { match: 'full'; shown: string; boxes: Box[] }
  | { match: 'surname'; shown: string; boxes: Box[] }
  | { match: 'none' };

/**
 * Whether the page names the applicant: family and given name together (the current or the
 * former family name), exact after NFKC and variant folding — a name one letter off is
 * another person's. The surname alone is what the guide refuses.
 */
export function nameOnPage(
  facts: Pick<DossierFacts, 'family' | 'given' | 'maidenName'>,
  text: PageText,
): NameOnPage {
  const families = [facts.family, facts.maidenName].filter((f): f is string => !!f);
  for (const family of families) {
    const full = compactText(family + facts.given);
    const line = text.lines.find((l) => compactText(l.text).includes(full));
    if (line) return { match: 'full', shown: `${family} ${facts.given}`, boxes: [line.box] };
    // A name broken over two OCR lines.
    if (compactText(text.text).includes(full)) {
      return { match: 'full', shown: `${family} ${facts.given}`, boxes: [] };
    }
  }
  const given = compactText(facts.given);
  // The surname alone: followed by an honorific or nothing; followed by letters of a name, it
  // is someone else of the same family name (髙橋 一夫 is not 髙橋 一郎 with the name cut off).
  const alone = /^(?:$|殿|様|さま|先生|\(|（|会員|[,、。 ])/;
  for (const family of families) {
    const f = compactText(family);
    const line = text.lines.find((l) => {
      const t = compactText(l.text);
      const at = t.indexOf(f);
      return at >= 0 && !t.includes(given) && alone.test(t.slice(at + f.length));
    });
    if (line && !compactText(text.text).includes(given)) {
      return { match: 'surname', shown: family, boxes: [line.box] };
    }
  }
  return { match: 'none' };
}

function elearningProposal(facts: DossierFacts, pages: readonly ReadPage[]): Proposal {
  const certificates = pages.filter((p) => p.kind === 'elearning');
  if (certificates.length === 0)
    return missing('doc.elearning', null, 'e-learning 修了証が見つかりません');
  const scored = certificates.map((p) => ({ p, name: nameOnPage(facts, p.text) }));
  const mine = scored.find((s) => s.name.match === 'full');
  if (mine && mine.name.match === 'full') {
    return {
      rule: 'doc.elearning',
      ref: null,
      finding: 'found',
      confidence: round2(mine.p.confidence * 0.98),
      page: mine.p.ref,
      evidence: `e-learning 修了証 / ${mine.name.shown}`,
      boxes: mine.name.boxes,
    };
  }
  const first = scored[0];
  return {
    rule: 'doc.elearning',
    ref: null,
    finding: 'insufficient',
    confidence: round2(first.p.confidence * 0.85),
    page: first.p.ref,
    evidence: `e-learning 修了証に申請者の氏名(${facts.family} ${facts.given})が見当たりません`,
    boxes: [],
  };
}

interface MeetingCheck {
  finding: Finding;
  confidence: number;
  evidence: string;
  boxes: Box[];
}

/** The ordinal of a meeting's name (第59回 → 59), which fuzzy matching must not blur. */
const ordinal = (name: string) => /第(\d+)回/.exec(compactText(name))?.[1] ?? null;

/** Whether the page names the meeting: its name (OCR noise allowed), its ordinal exact. */
export function meetingOnPage(
  meetingName: string,
  text: PageText,
): { shown: string; boxes: Box[] } | null {
  const compact = compactText(text.text);
  const n = ordinal(meetingName);
  const body = compactText(meetingName).replace(/^第\d+回/, '');
  // A name whose ordinal must read exact beside it may have a little more of it misread (セミす
  // for セミナー on a skewed copy): the ordinal tells the meetings of one society apart.
  const ratio = n !== null ? 0.2 : 0.15;
  const match = fuzzyFind(compact, body, ratio);
  if (!match) return null;
  if (n !== null) {
    // The ordinal's digits exact, as a number of their own; the 第 and 回 around it may be
    // misread (笠55因 on a speckled page is still 第55回, never 第56回).
    const before = [...compact].slice(Math.max(0, match.start - 6), match.start).join('');
    const digits = new RegExp(`(?<!\\d)${n}(?!\\d)`);
    if (!digits.test(before) && !compact.includes(`第${n}回${body}`)) return null;
  }
  const line = text.lines.find((l) => fuzzyFind(compactText(l.text), body, ratio));
  return { shown: meetingName, boxes: line ? [line.box] : [] };
}

type Attendance = DossierFacts['attendances'][number];

/** A date of the page within the meeting's days. */
const dateWithin = (attendance: Attendance, text: PageText) =>
  extractDates(text.text).find(
    (d) => isoDate(d) >= attendance.start && isoDate(d) <= attendance.end,
  );

/** A meeting's title as printed, 第N回 … 学会/集会/総会/セミナー, whichever meeting it is. */
const MEETING_TITLE = /\d+回.{0,20}?(?:学会|集会|総会|セミナー)/;

/**
 * A proof whose number did not read and whose meeting's title reads as none at all (a
 * speckled copy): a clerk still matches it by its date to the listed meeting held that day.
 * A title that reads, even as another meeting's, leaves it to that meeting.
 */
function matchedByDate(attendance: Attendance, page: ReadPage): boolean {
  return (
    page.number === null &&
    page.proofKind === 'proof' &&
    !MEETING_TITLE.test(compactText(page.text.text)) &&
    dateWithin(attendance, page.text) !== undefined
  );
}

function checkProof(facts: DossierFacts, attendance: Attendance, page: ReadPage): MeetingCheck {
  const refusal =
    page.proofKind === 'receipt'
      ? '領収書は参加の証明になりません'
      : page.proofKind === 'poster'
        ? 'ポスターセッションのプログラムは参加の証明になりません'
        : null;
  const name = nameOnPage(facts, page.text);
  const meeting = meetingOnPage(attendance.meetingName, page.text);
  const dates = extractDates(page.text.text);
  const within = dateWithin(attendance, page.text);
  const byDate = !meeting && matchedByDate(attendance, page);
  const shown = [
    meeting
      ? attendance.meetingName
      : byDate
        ? `${attendance.meetingName}(会期の日付で照合)`
        : null,
    name.match !== 'none' ? name.shown : null,
    within ? dateText(within) : null,
  ].filter(Boolean);
  const boxes = [...(meeting?.boxes ?? []), ...(name.match !== 'none' ? name.boxes : [])];
  const c = page.confidence;
  if (refusal)
    return { finding: 'insufficient', confidence: round2(c * 0.95), evidence: refusal, boxes };
  const problems: string[] = [];
  if (name.match === 'surname') problems.push(`氏名が名字のみです(${name.shown})`);
  if (name.match === 'none') problems.push('申請者の氏名がありません(別人の証明の可能性)');
  if (!meeting && !byDate) problems.push(`学術集会名「${attendance.meetingName}」がありません`);
  if (!within) {
    problems.push(
      dates.length
        ? `会期(${attendance.start}～${attendance.end})内の日付がありません(${dates.map(dateText).join('、')})`
        : '開催年月日が読み取れません',
    );
  }
  if (problems.length === 0) {
    // Matched by its date alone, the meeting is taken on less than its name: below what is
    // confirmed together, for a person to look at.
    const sure = byDate ? 0.8 : 0.97;
    return { finding: 'found', confidence: round2(c * sure), evidence: shown.join(' / '), boxes };
  }
  return {
    finding: 'insufficient',
    // One thing unread is less sure than several things wrong.
    confidence: round2(c * (problems.length > 1 ? 0.9 : 0.75)),
    evidence: problems.join(' / '),
    boxes,
  };
}

const dateText = (d: TextDate) => `${d.year}年${d.month}月${d.day}日`;

function attendanceProposal(
  facts: DossierFacts,
  attendance: Attendance,
  pages: readonly ReadPage[],
): Proposal {
  const ref = `attendance:${attendance.no}`;
  const proofs = pages.filter((p) => p.kind === 'attendance');
  // The copy numbered N, and any copy naming N's meeting: a number misread, left off or
  // written wrong does not hide the proof (a clerk matches them by the meeting too).
  const candidates = proofs.filter(
    (p) =>
      p.number === attendance.no ||
      meetingOnPage(attendance.meetingName, p.text) ||
      matchedByDate(attendance, p),
  );
  if (candidates.length === 0) {
    return missing(
      'doc.attendance',
      ref,
      `参加証明(${attendance.no} ${attendance.meetingName})が見つかりません`,
    );
  }
  const checked = candidates.map((p) => ({ p, check: checkProof(facts, attendance, p) }));
  // A proof that qualifies first; else the copy numbered N says what is wrong with it.
  const chosen = best(
    checked,
    (c) => (c.check.finding === 'found' ? 2 : 0) + (c.p.number === attendance.no ? 1 : 0),
  )!;
  return {
    rule: 'doc.attendance',
    ref,
    finding: chosen.check.finding,
    confidence: chosen.check.confidence,
    page: chosen.p.ref,
    evidence: chosen.check.evidence,
    boxes: chosen.check.boxes,
  };
}

function palliativeProposal(facts: DossierFacts, pages: readonly ReadPage[]): Proposal {
  const certificates = pages.filter((p) => p.kind === 'palliative');
  if (certificates.length === 0) {
    return missing('doc.palliative', null, '緩和ケア研修会の修了証が見つかりません');
  }
  const wanted = facts.palliative.certificateNo;
  const checked = certificates.map((p) => {
    const name = nameOnPage(facts, p.text);
    const digits = compactText(p.text.text);
    const numberKnown = !!wanted && wanted !== '000000';
    const numberShown = numberKnown && digits.includes(compactText(wanted));
    const problems: string[] = [];
    if (name.match !== 'full') problems.push('申請者の氏名がありません');
    if (numberKnown && !numberShown) problems.push(`修了証書番号が申請1(${wanted})と一致しません`);
    return { p, name, problems, numberShown };
  });
  const chosen = best(checked, (c) => -c.problems.length)!;
  const ok = chosen.problems.length === 0;
  return {
    rule: 'doc.palliative',
    ref: null,
    finding: ok ? 'found' : 'insufficient',
    confidence: round2(chosen.p.confidence * (ok ? 0.97 : 0.8)),
    page: chosen.p.ref,
    evidence: ok
      ? [
          '緩和ケア研修会 修了証書',
          chosen.numberShown ? `第${wanted}号` : null,
          `${facts.family} ${facts.given}`,
        ]
          .filter(Boolean)
          .join(' / ')
      : chosen.problems.join(' / '),
    boxes: chosen.name.match === 'full' ? chosen.name.boxes : [],
  };
}

function nameChangeProposal(facts: DossierFacts, pages: readonly ReadPage[]): Proposal {
  const proofs = pages.filter((p) => p.kind === 'name-change');
  if (proofs.length === 0)
    return missing('doc.name-change', null, '氏名の変更を証明する書類が見つかりません');
  const maiden = compactText(facts.maidenName ?? '');
  const checked = proofs.map((p) => {
    const t = compactText(p.text.text);
    return { p, both: t.includes(maiden) && t.includes(compactText(facts.family)) };
  });
  const chosen = best(checked, (c) => (c.both ? 1 : 0))!;
  return {
    rule: 'doc.name-change',
    ref: null,
    finding: chosen.both ? 'found' : 'insufficient',
    confidence: round2(chosen.p.confidence * (chosen.both ? 0.95 : 0.8)),
    page: chosen.p.ref,
    evidence: chosen.both
      ? `旧姓 ${facts.maidenName} → ${facts.family}`
      : `新旧の氏(${facts.maidenName} / ${facts.family})が確認できません`,
    boxes: [],
  };
}

/** The candidate scoring highest (the first of equals: scan order). */
function best<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let chosen: T | undefined;
  let top = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > top) {
      top = s;
      chosen = item;
    }
  }
  return chosen;
}
