import { Transform } from 'class-transformer';
import { Allow, ValidateBy, type ValidationOptions } from 'class-validator';

export interface TextOptions {
  /** Unicode normalisation: NFKC for codes and numbers typed in full width, NFC for prose. */
  form?: 'NFC' | 'NFKC';
  trim?: boolean;
  /** Longer text is cut, not refused. */
  max?: number;
}

/** A text as the console sends it: anything but a string counts as empty. */
export function textOf(value: unknown, options: TextOptions = {}): string {
  if (typeof value !== 'string') return '';
  let text = options.form ? value.normalize(options.form) : value;
  if (options.trim) text = text.trim();
  return options.max === undefined ? text : text.slice(0, options.max);
}

/**
 * A text field read by {@link textOf}. Give the property `= ''` so a field left out reads as
 * empty too (class-transformer transforms only the fields sent).
 */
export function AsText(options: TextOptions = {}): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) => textOf(value, options));
  const allow = Allow();
  return (target, property) => {
    transform(target, property);
    allow(target, property);
  };
}

/** The id of a dossier as the console has it (its bigint as text). */
const DOSSIER_ID = /^\d{1,18}$/;

/**
 * A list of dossier ids (read as text), of `min` to `max` ids when given. `summary` is the
 * error's sentence, `message` the field's.
 */
export function IsDossierIds(
  limits: { min?: number; max?: number },
  options: ValidationOptions & { message: string; summary: string },
): PropertyDecorator {
  const { summary, ...validation } = options;
  return ValidateBy(
    {
      name: 'isDossierIds',
      validator: {
        validate: (ids: unknown) =>
          Array.isArray(ids) &&
          ids.length >= (limits.min ?? 0) &&
          ids.length <= (limits.max ?? Infinity) &&
          ids.every((id) => typeof id === 'string' && DOSSIER_ID.test(id)),
      },
    },
    { ...validation, context: { summary } },
  );
}
