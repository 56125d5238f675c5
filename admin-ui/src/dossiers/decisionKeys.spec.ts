import { reasonKey, REASON_KEYS, toggleReasonByKey } from './decisionKeys';

describe('decision keys', () => {
  it('numbers the reasons shown 1 to 9, then 0, then none', () => {
    expect([0, 1, 8, 9, 10].map(reasonKey)).toEqual(['1', '2', '9', '0', null]);
    expect(REASON_KEYS.map((_, i) => reasonKey(i))).toEqual([...REASON_KEYS]);
  });

  it('toggles the code of a digit, and leaves a digit without a code to others', () => {
    const shown = ['P01', 'P02', 'X99'];
    expect(toggleReasonByKey('2', shown, [])).toEqual(['P02']);
    expect(toggleReasonByKey('2', shown, ['X99', 'P02'])).toEqual(['X99']);
    expect(toggleReasonByKey('3', shown, ['P01'])).toEqual(['P01', 'X99']);
    expect(toggleReasonByKey('4', shown, ['P01'])).toBeNull();
    expect(toggleReasonByKey('0', shown, [])).toBeNull();
  });
});
