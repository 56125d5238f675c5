import { ValidateBy } from 'class-validator';
import { jstDay, parseDay } from '../../common/japan-time.js';

const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day));

/** A real day given as YYYY-MM-DD; `label` names it in the message. */
export function IsDay(label: string): PropertyDecorator {
  return ValidateBy(
    { name: 'isDay', validator: { validate: (day: unknown) => parseDay(day) === day } },
    { message: ({ value }) => `${label}は YYYY-MM-DD で指定してください(「${String(value)}」)` },
  );
}

/** A day given as YYYY-MM-DD, today (JST) or before; `label` names it in the messages. */
export function IsPastDay(label: string): PropertyDecorator {
  const format = ValidateBy(
    { name: 'isDay', validator: { validate: isDay } },
    { message: ({ value }) => `${label}は YYYY-MM-DD で指定してください(「${String(value)}」)` },
  );
  const past = ValidateBy(
    { name: 'isNotFuture', validator: { validate: (day: string) => day <= jstDay(new Date()) } },
    { message: ({ value }) => `${label} ${String(value)} は未来の日付です` },
  );
  // The format is the first said (class-validator reports the first decorator written).
  return (target, property) => {
    past(target, property);
    format(target, property);
  };
}
