import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { isCommonPassword } from './common-passwords.js';

/**
 * Password hashes as self-describing strings. New ones are argon2id (PHC string
 * `$argon2id$v=19$m=19456,t=2,p=1$…`, OWASP's parameters); hashes of the first release,
 * `scrypt$N$r$p$salt$hash`, are still verified and replaced by argon2id at the next login.
 */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password.normalize('NFC'), ARGON2);
}

function scryptDerive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 128 * (options.N ?? 1) * (options.r ?? 1) * 2;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { ...options, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, password.normalize('NFC'));
    } catch {
      return false;
    }
  }
  const [algorithm, n, r, p, salt, hash] = stored.split('$');
  if (algorithm !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptDerive(password, Buffer.from(salt, 'base64url'), {
    N: +n,
    r: +r,
    p: +p,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True for a hash made with an older algorithm or weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(
    `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`,
  );
}

/** The rule every new password must meet; the message says what to do. */
export function passwordProblem(password: string, login?: string): string | null {
  if (password.length < 10) return 'パスワードは 10 文字以上にしてください';
  if (password.length > 200) return 'パスワードは 200 文字以内にしてください';
  if (login && password.toLowerCase().includes(login.toLowerCase())) {
    return 'パスワードにログイン名を含めないでください';
  }
  if (isCommonPassword(password)) {
    return 'このパスワードはよく使われるパスワード(漏えいしたパスワードの一覧)にあり、推測されやすいため使えません。思いつきにくい語をいくつか組み合わせるなどして、別のパスワードにしてください';
  }
  return null;
}
