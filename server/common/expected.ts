import { ValidateBy } from 'class-validator';
import { InvalidInputError } from './domain-errors.js';

const SUMMARY = 'expected は記録日時(ISO 8601)か null で指定してください';
const MESSAGE = '記録日時の形が正しくありません';

/** Not said, "there was none", or a timestamp. */
function isExpected(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    !Number.isNaN(new Date(String(value)).getTime())
  );
}

/**
 * What the caller saw of a record it changes, for "no silent overwrite": undefined when not
 * said (no check), null for "there was none", else the record's timestamp as an ISO instant.
 */
export function expectedOf(value: unknown): string | null | undefined {
  if (!isExpected(value)) {
    throw new InvalidInputError(SUMMARY, [{ field: 'expected', message: MESSAGE }]);
  }
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  return new Date(String(value)).toISOString();
}

/** A DTO's `expected`, as {@link expectedOf} reads it. */
export function IsExpected(): PropertyDecorator {
  return ValidateBy(
    { name: 'isExpected', validator: { validate: isExpected } },
    { message: MESSAGE, context: { summary: SUMMARY } },
  );
}
