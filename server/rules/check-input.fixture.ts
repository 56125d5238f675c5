import type { CheckInput, CheckResult } from './check-input.js';
import type { CaseForm } from '../dossiers/dossier-forms.js';
import { ELECTIVE_FIELDS, MANDATORY_FIELDS } from './elearning-rules.js';
import { runChecks } from './run-checks.js';

/** A clean dossier of the 2021 round and its helpers, for the rule specs (not built into dist). */

export const ROUND = {
  registrationDeadline: '2021-09-16T14:59:59.000Z',
  reviewFeeDeadline: '2021-09-09T06:00:00.000Z',
  elearningDeadline: '2021-09-16T14:59:59.000Z',
  postmarkDeadline: '2021-09-30',
  fees: { review: 11000, certification: 22000, handling: 110 },
  requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
};
export const AFTER = new Date('2022-01-01T00:00:00Z');
export const BEFORE = new Date('2021-05-01T00:00:00Z');

export function kase(caseNo: number, patch: Partial<CaseForm> = {}): CaseForm {
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

export function input(patch: Partial<CheckInput> = {}): CheckInput {
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
      [
        'M1',
        {
          name: '第56回日本癌治療学会学術集会',
          kind: '全国',
          startsOn: '2018-10-01',
          endsOn: '2018-10-03',
        },
      ],
      [
        'M2',
        {
          name: '第57回日本癌治療学会学術集会',
          kind: '全国',
          startsOn: '2019-10-01',
          endsOn: '2019-10-03',
        },
      ],
      [
        'M3',
        {
          name: 'がん治療認定医教育セミナー',
          kind: '教育セミナー',
          startsOn: '2020-02-01',
          endsOn: '2020-02-01',
        },
      ],
      [
        'R1',
        {
          name: '日本癌治療学会地方会',
          kind: '地方会',
          startsOn: '2019-06-01',
          endsOn: '2019-06-01',
        },
      ],
      [
        'OLD',
        {
          name: '第54回日本癌治療学会学術集会',
          kind: '全国',
          startsOn: '2016-10-01',
          endsOn: '2016-10-03',
        },
      ],
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

export const outcomeOf = (results: CheckResult[], rule: string, ref: string | null = null) =>
  results.find((r) => r.rule === rule && r.ref === ref)?.outcome;
export const dossier = (i: CheckInput, rule: string) => outcomeOf(runChecks(i).results, rule);
export const ofCase = (i: CheckInput, rule: string, ref = 'case:1-1') =>
  outcomeOf(runChecks(i).results, rule, ref);
