import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password-hasher.js';

/** A hash of 'correct horse battery' made by the first release (scrypt). */
const LEGACY_SCRYPT =
  'scrypt$32768$8$1$3Zf3pQ7VqWc2u0Jx1a6Y1g$FhKqV0Yk8mHc1n9p2w3d4e5f6g7h8i9j0k1l2m3n4o5';

describe('password hashing', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batter', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies scrypt hashes of the first release, and asks for them to be replaced', async () => {
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const key = scryptSync('correct horse battery', salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 2 ** 26,
    });
    const stored = [
      'scrypt',
      32768,
      8,
      1,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(true);
    await expect(verifyPassword('correct horse battery', LEGACY_SCRYPT)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', '$argon2id$broken')).resolves.toBe(false);
  });

  it('treats composed and decomposed Japanese the same', async () => {
    const stored = await hashPassword('パスワードがぎ');
    await expect(verifyPassword('パスワードがぎ'.normalize('NFD'), stored)).resolves.toBe(true);
  });

  it('asks for at least 10 characters, without the login in it', () => {
    expect(passwordProblem('short')).toMatch(/10 文字以上/);
    expect(passwordProblem('long enough!')).toBeNull();
    expect(passwordProblem('yamada-2021-pass', 'Yamada')).toMatch(/ログイン名/);
  });
});

describe('password rule', () => {
  it('refuses common and breached passwords, whatever their case or trailing digits', () => {
    for (const weak of ['password12', '1234567890', 'Password12', 'qwertyuiop', 'dragon2024!']) {
      expect(passwordProblem(weak)).toMatch(/よく使われるパスワード/);
    }
    expect(passwordProblem('correct-horse-battery-9')).toBeNull();
  });
});
