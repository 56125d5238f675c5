import { input, kase, dossier, outcomeOf, ofCase, ROUND } from './check-input.fixture.js';
import { runChecks } from './run-checks.js';

describe('a clean dossier', () => {
  it('passes every rule but the documents, which wait for a person: verdict review', () => {
    const out = runChecks(input());
    const notPass = out.results.filter((r) => r.outcome !== 'pass');
    expect(notPass.every((r) => r.rule.startsWith('doc.') && r.outcome === 'pending')).toBe(true);
    expect(out.counts).toEqual({ cases: 20, casesUnderReview: 0, attendances: 3 });
    expect(out.verdict).toBe('review');
    expect(out.results.every((r) => r.message.length > 0)).toBe(true);
  });
});

describe('dossier rules', () => {
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
