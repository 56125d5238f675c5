import type { CheckResult } from './check-input.js';
import { worstOutcomes } from './verdict.js';

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
