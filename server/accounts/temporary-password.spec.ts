import { passwordProblem } from '../auth/password-hasher.js';
import { temporaryPassword } from './temporary-password.js';

describe('temporaryPassword', () => {
  it('is long enough, unambiguous and different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = temporaryPassword();
      expect(password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{14}$/);
      expect(passwordProblem(password)).toBeNull();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
