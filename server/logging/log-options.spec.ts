import { requestIdOf } from './log-options.js';

describe('request ids', () => {
  it('keeps a sane id from a proxy and makes one otherwise', () => {
    expect(requestIdOf('edge-7f3a:1')).toBe('edge-7f3a:1');
    expect(requestIdOf(['first', 'second'])).toBe('first');
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf('a b\nforged')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf('x'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
