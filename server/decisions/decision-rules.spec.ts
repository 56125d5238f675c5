import {
  decisionProblems,
  groupByOutcome,
  warningName,
  warningsAgainstPass,
  type DecisionFacts,
} from './decision-rules.js';

const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  verdict: 'pass',
  counts: { cases: 21, casesUnderReview: 0, attendances: 3 },
  checks: [
    { rule: 'fee.review', outcome: 'pass', ref: null, message: '支払済み' },
    { rule: 'case.item', outcome: 'fail', ref: 'case:1-3', message: '診療項目が対象外' },
  ],
  requirements: { cases: 20, attendances: 3 },
  ...over,
});

describe('warningsAgainstPass', () => {
  it('is empty when counts suffice and every dossier rule passed (case rules do not warn)', () => {
    expect(warningsAgainstPass(facts())).toEqual([]);
  });

  it('never counts a rule judged after the decision (the certification fee) against it', () => {
    const checks = [
      ...facts().checks,
      { rule: 'fee.certification', outcome: 'pending' as const, ref: null, message: '未入金' },
    ];
    expect(warningsAgainstPass(facts({ checks }))).toEqual([]);
  });

  it('lists every dossier rule not passed, and short counts', () => {
    const warnings = warningsAgainstPass(
      facts({
        verdict: 'review',
        counts: { cases: 18, casesUnderReview: 3, attendances: 2 },
        checks: [
          { rule: 'fee.review', outcome: 'pending', ref: null, message: '未納' },
          { rule: 'doc.cover', outcome: 'pending', ref: null, message: '確認待ち' },
          { rule: 'cases.count', outcome: 'review', ref: null, message: '確認中を含めて 21 例' },
        ],
      }),
    );
    expect(warnings.map((w) => w.rule)).toEqual([
      'fee.review',
      'doc.cover',
      'cases.count',
      'attendances.count',
    ]);
    expect(warnings[3].message).toBe('数えられる学術集会参加が 2 件です(3 件必要)');
  });

  it('lists the documents of each sheet and proof not passed, and no case or attendance rule', () => {
    const warnings = warningsAgainstPass(
      facts({
        verdict: 'review',
        checks: [
          { rule: 'doc.seal', outcome: 'pass', ref: 'sheet:1', message: '確認済み' },
          { rule: 'doc.seal', outcome: 'pending', ref: 'sheet:2', message: '公印の確認待ち' },
          { rule: 'doc.attendance', outcome: 'pending', ref: 'attendance:3', message: '待ち' },
          { rule: 'mail.postmark', outcome: 'review', ref: 'mail:R1', message: '消印が不明' },
          { rule: 'case.diagnosis', outcome: 'review', ref: 'case:1-7', message: '略語' },
          { rule: 'attendance.meeting', outcome: 'fail', ref: 'attendance:4', message: '地方会' },
        ],
      }),
    );
    expect(warnings.map((w) => [w.rule, w.ref])).toEqual([
      ['doc.seal', 'sheet:2'],
      ['doc.attendance', 'attendance:3'],
      ['mail.postmark', 'mail:R1'],
    ]);
    expect(warnings.map(warningName)).toEqual([
      '病院長公印 症例一覧表(2)',
      '参加証明 3',
      '消印 郵便 R1',
    ]);
  });

  it('warns when the checks have not run', () => {
    expect(warningsAgainstPass(facts({ verdict: null }))[0].message).toMatch(
      /まだ終わっていません/,
    );
  });
});

describe('groupByOutcome', () => {
  it('groups fail, review and pending in that order, leaving empty groups out', () => {
    const checks = [
      { rule: 'doc.cover', outcome: 'pending' },
      { rule: 'fee.review', outcome: 'fail' },
      { rule: 'doc.seal', outcome: 'pending' },
      { rule: 'odd', outcome: 'unheard-of' },
    ];
    expect(groupByOutcome(checks)).toEqual([
      { outcome: 'fail', checks: [checks[1]] },
      { outcome: 'pending', checks: [checks[0], checks[2], checks[3]] },
    ]);
    expect(groupByOutcome([])).toEqual([]);
  });
});

describe('decisionProblems', () => {
  const warn = [{ rule: 'doc.cover', outcome: 'pending', ref: null, message: '表紙の確認待ち' }];
  it('accepts 合格 without reason when nothing stands against it', () => {
    expect(decisionProblems({ decision: '合格', reasonCodes: [], reason: '' }, [])).toEqual([]);
  });
  it('asks a reason for 合格 against the checks, naming them', () => {
    const [problem] = decisionProblems(
      { decision: '合格', reasonCodes: ['P01'], reason: '' },
      warn,
    );
    expect(problem).toEqual({
      field: 'reason',
      message:
        'チェックを満たしていないため、合格にするには理由が必要です(未確認: 表紙(署名・押印))',
    });
    const several = [
      { rule: 'fee.review', outcome: 'fail', ref: null, message: '未納' },
      { rule: 'doc.seal', outcome: 'pending', ref: 'sheet:1', message: '待ち' },
      { rule: 'doc.attendance', outcome: 'pending', ref: 'attendance:2', message: '待ち' },
      { rule: 'address', outcome: 'review', ref: null, message: '郵便番号が違う' },
    ];
    expect(
      decisionProblems({ decision: '合格', reasonCodes: [], reason: '' }, several)[0].message,
    ).toBe(
      'チェックを満たしていないため、合格にするには理由が必要です(不合格: 更新審査料 / 要確認: 送付先住所 / 未確認: 病院長公印 症例一覧表(1)、参加証明 2)',
    );
    expect(
      decisionProblems({ decision: '合格', reasonCodes: [], reason: '委員会で確認' }, warn),
    ).toEqual([]);
  });
  it('asks a reason for 不合格 and 保留, and checks the codes', () => {
    expect(decisionProblems({ decision: '不合格', reasonCodes: [], reason: '' }, [])[0].field).toBe(
      'reason',
    );
    expect(decisionProblems({ decision: '保留', reasonCodes: ['H01'], reason: '' }, [])).toEqual(
      [],
    );
    expect(
      decisionProblems({ decision: '保留', reasonCodes: ['P01', 'Z1'], reason: 'x' }, []).map(
        (p) => p.message,
      ),
    ).toEqual([
      '理由コード P01(要件を満たす)は 保留 には使えません',
      '理由コード「Z1」はありません',
    ]);
  });
  it('refuses an unknown decision', () => {
    expect(decisionProblems({ decision: '可', reasonCodes: [], reason: '' }, [])[0].message).toBe(
      '判定は 合格 / 不合格 / 保留 のいずれかにしてください(「可」)',
    );
  });
});
