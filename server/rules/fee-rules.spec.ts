import type { CheckInput } from './check-input.js';
import { AFTER, BEFORE, dossier, input } from './check-input.fixture.js';
import { runChecks } from './run-checks.js';

describe('dossier rules', () => {
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
