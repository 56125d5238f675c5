import { purgeableFrom } from './case-retention.js';

describe('how long case details are kept', () => {
  it('counts whole years from the renewal date', () => {
    expect(purgeableFrom('2022-04-01', 5)).toBe('2027-04-01');
    expect(purgeableFrom('2024-02-29', 1)).toBe('2025-03-01');
    expect(purgeableFrom('2024-02-29', 4)).toBe('2028-02-29');
  });
});
