import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords too common to accept: the 49,000 most frequent passwords of public breaches, as
 * the zxcvbn-ts project ships them (@zxcvbn-ts/language-common, MIT; installed with the
 * project, read offline). Built once, on first use.
 */
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase()));
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
