import { ruleName, ruleNameMessages } from './rule-names.js';

describe('rule names', () => {
  it('names a rule, and never shows an unknown one by its ID', () => {
    expect(ruleName('doc.seal')).toBe('病院長公印');
    expect(ruleName('future.rule')).toBe('その他の確認');
  });

  it('nests the names at the ID’s dot, as the console’s labels are keyed', () => {
    const messages = ruleNameMessages();
    expect(messages.fee).toEqual({ review: '更新審査料', certification: '更新認定料' });
    expect((messages.doc as Record<string, string>)['name-change']).toBe('氏名変更の証明');
    expect(messages.address).toBe('送付先住所');
  });
});
