import { hashPassword, passwordProblem, verifyPassword } from './password-hasher.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batter', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });

  it('treats composed and decomposed Japanese the same', async () => {
    const stored = await hashPassword('パスワードがぎ');
    await expect(verifyPassword('パスワードがぎ'.normalize('NFD'), stored)).resolves.toBe(true);
  });

  it('asks for at least 10 characters', () => {
    expect(passwordProblem('short')).toMatch(/10 文字以上/);
    expect(passwordProblem('long enough!')).toBeNull();
  });
});
