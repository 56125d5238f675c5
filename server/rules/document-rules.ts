import type { CheckInput, CheckResult } from './check-input.js';
import type { DocumentProposal } from '../scans/scan-reading.views.js';
import { jstDay } from '../common/japan-time.js';
import { proposeFindings, type DossierFacts } from '../scans/reading/document-findings.js';
import { result } from './rule-helpers.js';

/**
 * The document rules of rules.md (doc.*): pending until a person verifies them; a person's mark
 * decides (found → pass, missing or insufficient → fail) until a later envelope re-opens a
 * deficiency.
 */

/**
 * Every document the dossier needs, each judged on its mark, with what the reading of the
 * scanned pages proposes for it (never the outcome: only a person's mark decides).
 */
export function documentRules(input: CheckInput): CheckResult[] {
  const out: CheckResult[] = [];
  const proposals = input.readPages?.length
    ? new Map(
        proposeFindings(dossierFacts(input), input.readPages).map(({ rule, ref, ...p }) => [
          documentKey(rule, ref),
          p,
        ]),
      )
    : null;
  const doc = (rule: string, ref: string | null, what: string) =>
    out.push({
      ...documentResult(input, rule, ref, what),
      proposal: proposalOf(proposals, rule, ref),
    });
  doc('doc.cover', null, '表紙(日付・署名・押印)');
  for (const sheet of [
    ...new Set(input.cases.map((c) => c.sheetNo).concat(input.caseSheets.map((s) => s.sheetNo))),
  ].sort()) {
    doc('doc.seal', `sheet:${sheet}`, `一覧表(${sheet})の病院長公印`);
  }
  doc('doc.elearning', null, 'e-learning 修了証');
  for (const att of [...input.attendances].sort((x, y) => x.no - y.no)) {
    doc('doc.attendance', `attendance:${att.no}`, `参加証明(${att.no})`);
  }
  if (input.applicant.deferred) doc('doc.palliative', null, '緩和ケア研修会修了証');
  if (input.applicant.formerName) doc('doc.name-change', null, '氏名変更を証明する書類');
  return out;
}

/** What the reader compares the pages with: the names, sheets, meetings and certificate asked for. */
export function dossierFacts(input: CheckInput): DossierFacts {
  const { applicant } = input;
  return {
    family: applicant.familyName,
    given: applicant.givenName,
    maidenName: applicant.formerName || null,
    sheetNos: [
      ...new Set(input.cases.map((c) => c.sheetNo).concat(input.caseSheets.map((s) => s.sheetNo))),
    ],
    attendances: input.attendances.flatMap((a) => {
      const meeting = input.meetings.get(a.meetingCode);
      return meeting
        ? [{ no: a.no, meetingName: meeting.name, start: meeting.startsOn, end: meeting.endsOn }]
        : [];
    }),
    palliative: {
      required: applicant.deferred,
      certificateNo: applicant.palliativeCertificateNo || null,
    },
  };
}

/**
 * The proposal of one document: none when no page was read, or when the reader could not judge
 * the item (a listed meeting the master data does not know).
 */
function proposalOf(
  proposals: ReadonlyMap<string, DocumentProposal> | null,
  rule: string,
  ref: string | null,
): DocumentProposal | null {
  if (!proposals) return null;
  return proposals.get(documentKey(rule, ref)) ?? null;
}

/** The key of a document item in CheckInput.documents: `doc.seal@sheet:2`, `doc.cover@`. */
export const documentKey = (rule: string, ref: string | null) => `${rule}@${ref ?? ''}`;

const DOCUMENT_FAILURE: Record<'missing' | 'insufficient', string> = {
  missing: 'がありません',
  insufficient: 'が不十分です',
};

function documentResult(
  input: CheckInput,
  rule: string,
  ref: string | null,
  what: string,
): CheckResult {
  const mark = input.documents?.get(documentKey(rule, ref));
  const note = mark?.note ? `(${mark.note})` : '';
  if (!mark) return result(rule, 'pending', ref, `${what}の確認待ちです`);
  if (mark.status === 'found') return result(rule, 'pass', ref, `${what}を確認しました${note}`);
  // A deficiency is re-opened by an envelope that arrived after the day it was marked.
  const markedOn = jstDay(new Date(mark.checkedAt));
  const later = input.envelopes.filter((e) => e.arrivedOn > markedOn);
  if (later.length > 0) {
    return result(
      rule,
      'pending',
      ref,
      `${what}は不備でしたが、その後に郵便(${later[later.length - 1].receiptNo})が届きました。もう一度確認してください`,
    );
  }
  return result(rule, 'fail', ref, `${what}${DOCUMENT_FAILURE[mark.status]}${note}`);
}
