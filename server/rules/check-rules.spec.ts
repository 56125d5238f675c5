import type { CheckInput, CheckResult } from './check-input.js';
import type { CaseForm } from '../dossiers/dossier-forms.js';
import {
  documentKey,
  ELECTIVE_FIELDS,
  MANDATORY_FIELDS,
  runChecks,
  worstOutcomes,
} from './check-rules.js';

const ROUND = {
  registrationDeadline: '2021-09-16T14:59:59.000Z',
  reviewFeeDeadline: '2021-09-09T06:00:00.000Z',
  elearningDeadline: '2021-09-16T14:59:59.000Z',
  postmarkDeadline: '2021-09-30',
  fees: { review: 11000, certification: 22000, handling: 110 },
  requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
};
const AFTER = new Date('2022-01-01T00:00:00Z');
const BEFORE = new Date('2021-05-01T00:00:00Z');

function kase(caseNo: number, patch: Partial<CaseForm> = {}): CaseForm {
  return {
    sheetNo: 1,
    caseNo,
    startMonth: '2019-04',
    endMonth: '2019-06',
    item: '手術',
    itemOther: '',
    age: 40 + caseNo,
    sex: '男',
    diagnosis: '胃癌',
    pathology: '腺癌',
    ...patch,
  };
}

function input(patch: Partial<CheckInput> = {}): CheckInput {
  return {
    round: ROUND,
    asOf: AFTER,
    applicant: {
      familyName: '山田',
      givenName: '太郎',
      formerName: '',
      licenceType: '医師',
      licenceNo: '123456',
      certKind: '一般',
      lastCertifiedOn: '2017-04-01',
      deferred: false,
      societyCode: 'S001',
      memberNo: '1001',
      memberType: '正会員',
      workplaceKind: 'その他',
      workplacePostalCode: '100-0001',
      workplacePrefecture: '東京都',
      workplaceAddress: '千代田区1-1',
      mailTo: '勤務先',
      registeredAt: '2021-09-01T10:00:00+09:00',
    },
    caseSheets: [{ sheetNo: 1, tenureStart1: '2010-04', tenureEnd1: '2021-09' }],
    cases: Array.from({ length: 20 }, (_, i) => kase(i + 1)),
    attendances: [1, 2, 3].map((no) => ({ no, meetingCode: `M${no}` })),
    societyCodes: new Set(['S001']),
    meetings: new Map([
      ['M1', { kind: '全国', startsOn: '2018-10-01', endsOn: '2018-10-03' }],
      ['M2', { kind: '全国', startsOn: '2019-10-01', endsOn: '2019-10-03' }],
      ['M3', { kind: '教育セミナー', startsOn: '2020-02-01', endsOn: '2020-02-01' }],
      ['R1', { kind: '地方会', startsOn: '2019-06-01', endsOn: '2019-06-01' }],
      ['OLD', { kind: '全国', startsOn: '2016-10-01', endsOn: '2016-10-03' }],
    ]),
    facilities: new Map([
      ['13001', { postalCode: '113-8655', prefecture: '東京都', address: '文京区本郷7-3-1' }],
    ]),
    payments: [
      {
        transactionId: 'P1',
        item: '更新審査料',
        amount: 11000,
        handlingFee: 110,
        paidAt: '2021-03-01T01:00:00.000Z',
        status: '入金済',
      },
    ],
    elearning: [
      ...MANDATORY_FIELDS.map((field) => ({
        field,
        completedAt: '2021-08-01T00:00:00.000Z',
        miniTestScore: 5,
      })),
      ...ELECTIVE_FIELDS.slice(0, 3).map((field) => ({
        field,
        completedAt: '2021-08-01T00:00:00.000Z',
        miniTestScore: null,
      })),
    ],
    envelopes: [
      {
        receiptNo: 'R1',
        arrivedOn: '2021-09-20',
        postmarkedOn: '2021-09-18',
        mailKind: '簡易書留',
      },
    ],
    ...patch,
  };
}

const outcomeOf = (results: CheckResult[], rule: string, ref: string | null = null) =>
  results.find((r) => r.rule === rule && r.ref === ref)?.outcome;
const dossier = (i: CheckInput, rule: string) => outcomeOf(runChecks(i).results, rule);
const ofCase = (i: CheckInput, rule: string, ref = 'case:1-1') =>
  outcomeOf(runChecks(i).results, rule, ref);

describe('a clean dossier', () => {
  it('passes every rule but the documents, which wait for a person: verdict review', () => {
    const out = runChecks(input());
    const notPass = out.results.filter((r) => r.outcome !== 'pass');
    expect(notPass.every((r) => r.rule.startsWith('doc.') && r.outcome === 'pending')).toBe(true);
    expect(out.counts).toEqual({ cases: 20, casesUnderReview: 0, attendances: 3 });
    expect(out.verdict).toBe('review');
    expect(out.results.every((r) => r.message.length > 0)).toBe(true);
  });

  it('lists a doc.seal per sheet and a doc.attendance per attendance, doc.palliative and doc.name-change only when they apply', () => {
    const out = runChecks(input()).results;
    expect(out.filter((r) => r.rule === 'doc.seal').map((r) => r.ref)).toEqual(['sheet:1']);
    expect(out.filter((r) => r.rule === 'doc.attendance').map((r) => r.ref)).toEqual([
      'attendance:1',
      'attendance:2',
      'attendance:3',
    ]);
    expect(out.some((r) => r.rule === 'doc.palliative' || r.rule === 'doc.name-change')).toBe(
      false,
    );
    const i = input();
    i.applicant = {
      ...i.applicant,
      deferred: true,
      formerName: '佐藤',
      palliativeHost: '東京都',
      palliativeCertificateNo: '12',
      palliativeApprovedOn: '2019-01-01',
    };
    const rules = runChecks(i).results.map((r) => r.rule);
    expect(rules).toContain('doc.palliative');
    expect(rules).toContain('doc.name-change');
  });
});

describe('case rules', () => {
  const withCase = (patch: Partial<CaseForm>) =>
    input({ cases: [kase(1, patch), ...input().cases.slice(1)] });

  it.each([
    [{ startMonth: '2019-06', endMonth: '2019-04' }, 'fail'],
    [{ startMonth: '2015-01', endMonth: '2016-12' }, 'fail'],
    [{ startMonth: '2021-10', endMonth: '2021-12' }, 'fail'],
    [{ startMonth: '2016-10', endMonth: '2017-06' }, 'review'],
    [{ startMonth: '2017-04', endMonth: '2021-09' }, 'pass'],
  ])('case.period %j → %s', (patch, outcome) =>
    expect(ofCase(withCase(patch), 'case.period')).toBe(outcome),
  );

  it('case.period ends at the deadline month for a draft', () => {
    const i = withCase({ startMonth: '2021-09', endMonth: '2021-09' });
    i.applicant = { ...i.applicant, registeredAt: null };
    expect(ofCase(i, 'case.period')).toBe('pass');
    i.applicant = { ...i.applicant, registeredAt: '2021-08-01T10:00:00+09:00' };
    expect(ofCase(i, 'case.period')).toBe('fail');
  });

  it('case.tenure: a treatment outside every tenure period of its sheet is reviewed', () => {
    const i = input({
      caseSheets: [
        {
          sheetNo: 1,
          tenureStart1: '2020-04',
          tenureEnd1: '2021-09',
          tenureStart2: '2017-01',
          tenureEnd2: '2018-12',
        },
      ],
    });
    expect(ofCase(i, 'case.tenure')).toBe('review');
    expect(ofCase(withCase({ startMonth: '2018-12', endMonth: '2019-02' }), 'case.tenure')).toBe(
      'pass',
    );
    expect(ofCase(input({ caseSheets: [] }), 'case.tenure')).toBe('review');
  });

  it.each([
    ['手術', '一般', 'pass'],
    ['がんゲノム医療', '一般', 'pass'],
    ['口腔ケア', '一般', 'fail'],
    ['口腔ケア', '歯科口腔外科', 'pass'],
    ['その他', '一般', 'review'],
    ['化学療法', '一般', 'fail'],
  ])('case.item %s for %s → %s', (item, certKind, outcome) => {
    const i = withCase({ item });
    i.applicant = { ...i.applicant, certKind };
    expect(ofCase(i, 'case.item')).toBe(outcome);
  });

  it.each([
    ['胃癌', 'pass', 'C16'],
    ['GIST', 'pass', null],
    ['髄膜腫', 'fail', 'D32'],
    ['胃潰瘍', 'fail', 'K25'],
    ['NSCLC', 'review', 'C34'],
    ['口腔白板症', 'review', 'K13'],
    ['腫瘍', 'review', null],
  ])('case.diagnosis %s → %s with ICD-10 %s', (diagnosis, outcome, icd10) => {
    const result = runChecks(withCase({ diagnosis })).results.find(
      (r) => r.rule === 'case.diagnosis' && r.ref === 'case:1-1',
    )!;
    expect(result.outcome).toBe(outcome);
    expect(result.details?.icd10).toBe(icd10);
  });

  it.each([
    ['画像診断', '無し', 'review'],
    ['画像診断', '腺癌', 'pass'],
    ['手術', '無し', 'pass'],
    ['病理診断', '無し', 'review'],
  ])('case.confirmed %s with pathology %s → %s', (item, pathology, outcome) =>
    expect(ofCase(withCase({ item, pathology }), 'case.confirmed')).toBe(outcome),
  );

  it.each([
    [{ age: null }, 'fail'],
    [{ age: 121 }, 'fail'],
    [{ age: 120 }, 'pass'],
    [{ age: 0 }, 'pass'],
    [{ diagnosis: '前立腺癌', sex: '女' }, 'review'],
    [{ diagnosis: '子宮頸癌', sex: '男' }, 'review'],
    [{ diagnosis: '卵巣癌', sex: '女' }, 'pass'],
    [{ diagnosis: '乳癌', sex: '男' }, 'pass'],
  ])('case.patient %j → %s', (patch, outcome) =>
    expect(ofCase(withCase(patch as Partial<CaseForm>), 'case.patient')).toBe(outcome),
  );

  it('case.duplicate marks both twins, comparing がん as 癌 and full-width as half-width', () => {
    const i = input({
      cases: [
        kase(1, { diagnosis: '胃がん', age: 70 }),
        kase(2, { diagnosis: '胃癌', age: 70 }),
        ...input().cases.slice(2),
      ],
    });
    expect(ofCase(i, 'case.duplicate', 'case:1-1')).toBe('review');
    expect(ofCase(i, 'case.duplicate', 'case:1-2')).toBe('review');
    expect(ofCase(i, 'case.duplicate', 'case:1-3')).toBe('pass');
  });
});

describe('attendance rules', () => {
  const withCodes = (...codes: string[]) =>
    input({ attendances: codes.map((meetingCode, i) => ({ no: i + 1, meetingCode })) });

  it('passes known national meetings and the board seminar inside the period, listed once', () => {
    const out = runChecks(withCodes('M1', 'M2', 'M3')).results;
    expect(out.filter((r) => r.rule === 'attendance.meeting').map((r) => r.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('fails an unknown code, a regional meeting, one outside the period and the second of a twice-listed one', () => {
    const out = runChecks(withCodes('M1', 'X9', 'R1', 'OLD', 'M1')).results.filter(
      (r) => r.rule === 'attendance.meeting',
    );
    expect(out.map((r) => r.outcome)).toEqual(['pass', 'fail', 'fail', 'fail', 'fail']);
  });

  it('attendances.count needs 3 passing and at most 5 listed', () => {
    expect(dossier(withCodes('M1', 'M2', 'R1'), 'attendances.count')).toBe('fail');
    expect(dossier(withCodes('M1', 'M2', 'M3', 'R1', 'OLD'), 'attendances.count')).toBe('pass');
    expect(dossier(withCodes('M1', 'M2', 'M3', 'R1', 'OLD', 'X9'), 'attendances.count')).toBe(
      'fail',
    );
  });
});

describe('dossier rules', () => {
  it('registration: pending for a draft, fail after the deadline', () => {
    const i = input();
    i.applicant = { ...i.applicant, registeredAt: null };
    expect(dossier(i, 'registration')).toBe('pending');
    i.applicant = { ...i.applicant, registeredAt: '2021-09-17T00:00:01+09:00' };
    expect(dossier(i, 'registration')).toBe('fail');
    i.applicant = { ...i.applicant, registeredAt: '2021-09-16T23:59:59+09:00' };
    expect(dossier(i, 'registration')).toBe('pass');
  });

  it.each([
    [{ licenceType: '看護師' }, 'fail'],
    [{ licenceNo: '' }, 'fail'],
    [{ licenceType: '歯科医師' }, 'pass'],
  ])('licence %j → %s', (patch, outcome) => {
    const i = input();
    i.applicant = { ...i.applicant, ...patch };
    expect(dossier(i, 'licence')).toBe(outcome);
  });

  it.each([
    [{ societyCode: 'S999' }, 'fail'],
    [{ memberNo: '' }, 'fail'],
    [{ memberType: '一般会員' }, 'fail'],
    [{ memberType: '功労会員' }, 'pass'],
  ])('membership %j → %s', (patch, outcome) => {
    const i = input();
    i.applicant = { ...i.applicant, ...patch };
    expect(dossier(i, 'membership')).toBe(outcome);
  });

  const pay = (patch: object) => ({
    transactionId: 'P',
    item: '更新審査料',
    amount: 11000,
    handlingFee: 110,
    paidAt: '2021-03-01T01:00:00.000Z',
    status: '入金済',
    ...patch,
  });
  it.each([
    [[], AFTER, 'fail'],
    [[], BEFORE, 'pending'],
    [[pay({ amount: 10000 })], AFTER, 'review'],
    [[pay({}), pay({ transactionId: 'Q' })], AFTER, 'review'],
    [[pay({ status: '返金' })], AFTER, 'fail'],
    [[pay({ status: '取消' })], BEFORE, 'pending'],
    [[pay({ paidAt: '2021-09-10T00:00:00.000Z' })], AFTER, 'fail'],
    [[pay({ item: '更新認定料' })], AFTER, 'fail'],
    [[pay({})], AFTER, 'pass'],
  ])('fee.review %j as of %s → %s', (payments, asOf, outcome) =>
    expect(
      dossier(input({ payments: payments as CheckInput['payments'], asOf }), 'fee.review'),
    ).toBe(outcome),
  );

  it('elearning: 7 mandatory with 5 of 5 and 3 electives by the deadline; fail only once it passed', () => {
    const base = input().elearning;
    expect(dossier(input(), 'elearning')).toBe('pass');
    const fourOfFive = base.map((e, i) => (i === 0 ? { ...e, miniTestScore: 4 } : e));
    expect(dossier(input({ elearning: fourOfFive }), 'elearning')).toBe('fail');
    expect(dossier(input({ elearning: fourOfFive, asOf: BEFORE }), 'elearning')).toBe('pending');
    expect(dossier(input({ elearning: base.slice(0, -1) }), 'elearning')).toBe('fail');
    const late = base.map((e, i) =>
      i === 1 ? { ...e, completedAt: '2021-09-17T00:00:00.000Z' } : e,
    );
    expect(dossier(input({ elearning: late }), 'elearning')).toBe('fail');
    const halfWidth = base.map((e) => ({ ...e, field: e.field.normalize('NFKC') }));
    expect(dossier(input({ elearning: halfWidth }), 'elearning')).toBe('pass');
  });

  it('palliative: needed only after a deferral; 000000 is reviewed', () => {
    const i = input();
    i.applicant = { ...i.applicant, deferred: true };
    expect(dossier(i, 'palliative')).toBe('fail');
    i.applicant = {
      ...i.applicant,
      palliativeHost: '東京都',
      palliativeCertificateNo: '000000',
      palliativeApprovedOn: '2019-01-01',
    };
    expect(dossier(i, 'palliative')).toBe('review');
    i.applicant = { ...i.applicant, palliativeCertificateNo: '123456' };
    expect(dossier(i, 'palliative')).toBe('pass');
  });

  it('cases.sheets: sheet 1 needed, later sheets only while short of 20, 25 at most', () => {
    const sheets = (...ns: number[]) =>
      ns.map((n) => ({ sheetNo: n, tenureStart1: '2010-04', tenureEnd1: '2021-09' }));
    const cases = (...perSheet: number[]) =>
      perSheet.flatMap((count, s) =>
        Array.from({ length: count }, (_, i) =>
          kase(i + 1, { sheetNo: s + 1, age: 30 + i + s * 30 }),
        ),
      );
    expect(dossier(input({ caseSheets: sheets(1, 2), cases: cases(15, 6) }), 'cases.sheets')).toBe(
      'pass',
    );
    expect(dossier(input({ caseSheets: sheets(1, 2), cases: cases(20, 2) }), 'cases.sheets')).toBe(
      'fail',
    );
    expect(
      dossier(input({ caseSheets: sheets(1, 2, 3), cases: cases(10, 12, 1) }), 'cases.sheets'),
    ).toBe('fail');
    expect(dossier(input({ caseSheets: sheets(1), cases: cases(26) }), 'cases.sheets')).toBe(
      'fail',
    );
    expect(dossier(input({ caseSheets: sheets(2), cases: cases(0, 20) }), 'cases.sheets')).toBe(
      'fail',
    );
  });

  it('cases.count: 20 counting pass; reached only with cases under review → review; else fail', () => {
    const reviewed = (n: number) =>
      input().cases.map((c, i) => (i < n ? { ...c, item: 'その他' } : c));
    expect(dossier(input({ cases: reviewed(1) }), 'cases.count')).toBe('review');
    expect(runChecks(input({ cases: reviewed(1) })).counts).toEqual({
      cases: 19,
      casesUnderReview: 1,
      attendances: 3,
    });
    const failing = input().cases.map((c, i) => (i === 0 ? { ...c, age: null } : c));
    expect(dossier(input({ cases: failing }), 'cases.count')).toBe('fail');
    expect(
      dossier(input({ cases: [...input().cases, kase(21, { age: null })] }), 'cases.count'),
    ).toBe('pass');
  });

  it('address: the mailing address needs a 7-digit postal code, a prefecture and an address', () => {
    const i = input();
    i.applicant = { ...i.applicant, workplacePostalCode: '100-001' };
    expect(dossier(i, 'address')).toBe('review');
    i.applicant = { ...i.applicant, workplaceKind: '認定研修施設', workplaceFacilityNo: '13001' };
    expect(dossier(i, 'address')).toBe('pass');
    i.applicant = {
      ...i.applicant,
      mailTo: '別途指定',
      mailPostalCode: '1500001',
      mailPrefecture: '東京',
      mailAddress: '渋谷区',
    };
    expect(dossier(i, 'address')).toBe('review');
  });

  it('mail: the first envelope decides postmark and kind; none yet is pending', () => {
    const env = (patch: object) => [
      {
        receiptNo: 'R1',
        arrivedOn: '2021-09-20',
        postmarkedOn: '2021-09-18',
        mailKind: '簡易書留',
        ...patch,
      },
    ];
    expect(dossier(input({ envelopes: [] }), 'mail.postmark')).toBe('pending');
    expect(dossier(input({ envelopes: [] }), 'mail.type')).toBe('pending');
    expect(dossier(input({ envelopes: env({ postmarkedOn: null }) }), 'mail.postmark')).toBe(
      'review',
    );
    expect(
      dossier(input({ envelopes: env({ postmarkedOn: '2021-10-01' }) }), 'mail.postmark'),
    ).toBe('fail');
    expect(
      dossier(input({ envelopes: env({ postmarkedOn: '2021-09-30' }) }), 'mail.postmark'),
    ).toBe('pass');
    expect(
      dossier(input({ envelopes: env({ mailKind: 'レターパックライト' }) }), 'mail.type'),
    ).toBe('review');
    expect(dossier(input({ envelopes: env({ mailKind: '一般書留' }) }), 'mail.type')).toBe('pass');
  });

  it('the verdict: fail when any dossier rule fails, review when any is review or pending', () => {
    const i = input();
    i.applicant = { ...i.applicant, licenceNo: '' };
    expect(runChecks(i).verdict).toBe('fail');
    expect(runChecks(input()).verdict).toBe('review');
  });

  it('reads its requirements from the round, never from constants', () => {
    const round = { ...ROUND, requirements: { ...ROUND.requirements, cases: 25 } };
    expect(dossier(input({ round }), 'cases.count')).toBe('fail');
    const fees = { ...ROUND, fees: { ...ROUND.fees, review: 13000 } };
    expect(dossier(input({ round: fees }), 'fee.review')).toBe('review');
  });
});

describe("a reviewer's overrides of single cases and attendances", () => {
  it('a rejected case stops counting, and a spare then counts in its place', () => {
    const withSpare = input({ cases: Array.from({ length: 21 }, (_, i) => kase(i + 1)) });
    const rejected = runChecks({ ...withSpare, overrides: new Map([['case:1-3', false]]) });
    expect(rejected.counts.cases).toBe(20);
    expect(outcomeOf(rejected.results, 'cases.count')).toBe('pass');
    const twoRejected = runChecks({
      ...withSpare,
      overrides: new Map([
        ['case:1-3', false],
        ['case:1-4', false],
      ]),
    });
    expect(twoRejected.counts.cases).toBe(19);
    expect(outcomeOf(twoRejected.results, 'cases.count')).toBe('fail');
  });

  it('an accepted case counts whatever the automatic result, and leaves the review count', () => {
    const cases = Array.from({ length: 20 }, (_, i) => kase(i + 1));
    cases[0] = kase(1, { item: '経過観察のみ' });
    const automatic = runChecks(input({ cases }));
    expect(automatic.counts.cases).toBe(19);
    const accepted = runChecks(input({ cases, overrides: new Map([['case:1-1', true]]) }));
    expect(accepted.counts).toMatchObject({ cases: 20, casesUnderReview: 0 });
    expect(outcomeOf(accepted.results, 'cases.count')).toBe('pass');
    // The automatic results stay as they were, for the record.
    expect(ofCase(input({ cases, overrides: new Map([['case:1-1', true]]) }), 'case.item')).toBe(
      ofCase(input({ cases }), 'case.item'),
    );
  });

  it('attendances follow their overrides the same way', () => {
    const regional = input({
      attendances: [1, 2, 3].map((no) => ({ no, meetingCode: no === 3 ? 'R1' : `M${no}` })),
    });
    expect(runChecks(regional).counts.attendances).toBe(2);
    const accepted = runChecks({ ...regional, overrides: new Map([['attendance:3', true]]) });
    expect(accepted.counts.attendances).toBe(3);
    expect(outcomeOf(accepted.results, 'attendances.count')).toBe('pass');
    const rejected = runChecks(input({ overrides: new Map([['attendance:1', false]]) }));
    expect(rejected.counts.attendances).toBe(2);
  });
});

describe('worstOutcomes', () => {
  const r = (rule: string, outcome: CheckResult['outcome'], ref: string | null = null) =>
    ({ rule, outcome, ref, message: '' }) as CheckResult;

  it('keeps the worst outcome of each rule over its references', () => {
    expect(
      worstOutcomes([
        r('doc.seal', 'pass', 'sheet:1'),
        r('doc.seal', 'pending', 'sheet:2'),
        r('case.item', 'review', 'case:1-1'),
        r('case.item', 'fail', 'case:1-2'),
        r('case.item', 'pending', 'case:1-3'),
        r('fee.review', 'pass'),
        r('mail.postmark', 'pending'),
        r('mail.postmark', 'review'),
      ]),
    ).toEqual({
      'doc.seal': 'pending',
      'case.item': 'fail',
      'fee.review': 'pass',
      'mail.postmark': 'review',
    });
  });

  it('is empty without results', () => {
    expect(worstOutcomes([])).toEqual({});
  });
});

describe('documents verified by a person', () => {
  const mark = (
    status: 'found' | 'missing' | 'insufficient',
    checkedAt = '2021-09-22T03:00:00.000Z',
    note: string | null = null,
  ) => ({ status, note, checkedAt });
  const find = (i: CheckInput, rule: string, ref: string | null = null) =>
    runChecks(i).results.find((r) => r.rule === rule && r.ref === ref)!;

  it('are pending until marked; found passes, missing and insufficient fail with the note', () => {
    const none = input();
    expect(find(none, 'doc.cover')).toMatchObject({
      outcome: 'pending',
      message: '表紙(日付・署名・押印)の確認待ちです',
    });
    const marked = input({
      documents: new Map([
        [documentKey('doc.cover', null), mark('found')],
        [documentKey('doc.seal', 'sheet:1'), mark('missing', undefined, '公印の欄が空白')],
        [documentKey('doc.attendance', 'attendance:2'), mark('insufficient', undefined, '領収書')],
      ]),
    });
    expect(find(marked, 'doc.cover')).toMatchObject({
      outcome: 'pass',
      message: '表紙(日付・署名・押印)を確認しました',
    });
    expect(find(marked, 'doc.seal', 'sheet:1')).toMatchObject({
      outcome: 'fail',
      message: '一覧表(1)の病院長公印がありません(公印の欄が空白)',
    });
    expect(find(marked, 'doc.attendance', 'attendance:2')).toMatchObject({
      outcome: 'fail',
      message: '参加証明(2)が不十分です(領収書)',
    });
    expect(find(marked, 'doc.attendance', 'attendance:1').outcome).toBe('pending');
    // Any document failing makes the automatic verdict fail.
    expect(runChecks(marked).verdict).toBe('fail');
  });

  it('a deficiency is re-opened by an envelope arriving after the day it was marked', () => {
    const missing = new Map([[documentKey('doc.elearning', null), mark('missing')]]);
    const sameDay = input({
      documents: missing,
      envelopes: [
        {
          receiptNo: 'R1',
          arrivedOn: '2021-09-20',
          postmarkedOn: '2021-09-18',
          mailKind: '簡易書留',
        },
        { receiptNo: 'R2', arrivedOn: '2021-09-22', postmarkedOn: null, mailKind: '普通郵便' },
      ],
    });
    expect(find(sameDay, 'doc.elearning').outcome).toBe('fail');
    const later = input({
      documents: missing,
      envelopes: [
        {
          receiptNo: 'R1',
          arrivedOn: '2021-09-20',
          postmarkedOn: '2021-09-18',
          mailKind: '簡易書留',
        },
        { receiptNo: 'R2', arrivedOn: '2021-09-24', postmarkedOn: null, mailKind: '普通郵便' },
      ],
    });
    expect(find(later, 'doc.elearning')).toMatchObject({
      outcome: 'pending',
      message:
        'e-learning 修了証は不備でしたが、その後に郵便(R2)が届きました。もう一度確認してください',
    });
    // A found document stays found whatever arrives later.
    const found = input({
      documents: new Map([[documentKey('doc.elearning', null), mark('found')]]),
      envelopes: later.envelopes,
    });
    expect(find(found, 'doc.elearning').outcome).toBe('pass');
  });
});

describe('after the decision', () => {
  const certification = (i: CheckInput) =>
    runChecks(i).results.find((r) => r.rule === 'fee.certification');
  const paid = {
    transactionId: 'C1',
    item: '更新認定料',
    amount: 22000,
    handlingFee: 110,
    paidAt: '2022-03-20T01:00:00.000Z',
    status: '入金済',
  };

  it('judges fee.certification once 合格 is released, without touching the verdict', () => {
    expect(certification(input())).toBeUndefined();
    expect(certification(input({ decision: '不合格' }))).toBeUndefined();
    const waiting = input({ decision: '合格' });
    expect(certification(waiting)).toMatchObject({
      outcome: 'pending',
      message: '更新認定料の入金はまだありません',
    });
    expect(runChecks(waiting).verdict).toBe(runChecks(input()).verdict);
    const done = input({ decision: '合格', payments: [...input().payments, paid] });
    expect(certification(done)?.outcome).toBe('pass');
    const twice = input({
      decision: '合格',
      payments: [...input().payments, paid, { ...paid, transactionId: 'C2' }],
    });
    expect(certification(twice)?.outcome).toBe('review');
  });
});
