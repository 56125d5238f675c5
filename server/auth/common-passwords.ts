import { createRequire } from 'node:module';
import type * as zxcvbnCommon from '@zxcvbn-ts/language-common';

const require = createRequire(import.meta.url);

/**
 * Passwords too common to accept: the 49,000 most frequent passwords of public breaches, as
 * the zxcvbn-ts project ships them (@zxcvbn-ts/language-common, MIT; installed with the
 * project, read offline). Loaded and built once, on first use: most processes never check a
 * password.
 */
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as typeof zxcvbnCommon;
    common = new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase()));
  }
  return common;
}

/**
 * True for a password on the list, ignoring case, or one that is a listed word of four or
 * more letters followed only by digits and symbols (`dragon2024!`).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[^\p{L}]+$/u, '');
  return stem.length >= 4 && stem !== lower && list.has(stem);
}
