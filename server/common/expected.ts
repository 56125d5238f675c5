import { InvalidInputError } from './domain-errors.js';

/**
 * What the caller saw of a record it changes, for "no silent overwrite": undefined when not
 * said (no check), null for "there was none", else the record's timestamp as an ISO instant.
 */
export function expectedOf(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const at = new Date(String(value));
  if (Number.isNaN(at.getTime())) {
    throw new InvalidInputError('expected は記録日時(ISO 8601)か null で指定してください', [
      { field: 'expected', message: '記録日時の形が正しくありません' },
    ]);
  }
  return at.toISOString();
}
