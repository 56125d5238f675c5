import { decisionProblems, warningsAgainstPass, type DecisionFacts } from './decision-rules.js';

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

  it('warns when the checks have not run', () => {
    expect(warningsAgainstPass(facts({ verdict: null }))[0].message).toMatch(
      /まだ終わっていません/,
    );
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
      message: 'チェックを満たしていないため、合格にするには理由が必要です(表紙の確認待ち)',
    });
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
