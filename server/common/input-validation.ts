import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { InvalidInputError } from './domain-errors.js';
import type { FieldProblem } from './field-problem.js';

/**
 * How every input is checked against its DTO, by the HTTP pipe (http-app.ts) and by the
 * services and command line that check one themselves: fields the DTO does not declare are
 * dropped, never refused.
 */
export const INPUT_VALIDATION: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: false,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};

/** A rule's `context`: the sentence it gives the whole error when that differs from its own. */
export interface ProblemContext {
  summary: string;
}

/** A problem found, with the sentence it adds to the error's message (its own unless said). */
export type FoundProblem = FieldProblem & { summary?: string };

/**
 * One problem per field, in the order the DTO declares them, nested fields named by their
 * path (`fees.review`). Where several rules of a field are broken, the one written first wins
 * (class-validator runs them from the last decorator up).
 */
export function problemsOf(errors: readonly ValidationError[], parent = ''): FoundProblem[] {
  const found: FoundProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const rule = Object.keys(error.constraints ?? {}).at(-1);
    if (rule === 'isObject' && !parent && error.property === 'body') {
      // Nest's own check of a body that is not an object at all.
      found.push({ field: '', message: '内容を JSON のオブジェクトで送ってください' });
    } else if (rule) {
      const context = error.contexts?.[rule] as ProblemContext | undefined;
      found.push({ field, message: error.constraints![rule], summary: context?.summary });
    }
    if (error.children?.length) found.push(...problemsOf(error.children, field));
  }
  return found;
}

/** The error services raise for these problems: their sentences joined, each field named. */
export function invalidInputError(found: readonly FoundProblem[]): InvalidInputError {
  return new InvalidInputError(
    found.map((p) => p.summary ?? p.message).join(' / '),
    found.map(({ summary: _summary, ...problem }) => problem),
  );
}

/**
 * Reads `plain` into its DTO and says what is wrong with it, without throwing: for a service
 * that reports these problems with its own (a 認定番号 of the round, a case of the dossier) in
 * one answer.
 */
export async function checkInput<T extends object>(
  dto: ClassConstructor<T>,
  plain: unknown,
): Promise<{ input: T; problems: FoundProblem[] }> {
  const value = typeof plain === 'object' && plain !== null ? plain : {};
  if (Array.isArray(value)) {
    return {
      input: plainToInstance(dto, {}),
      problems: [{ field: '', message: '内容を JSON のオブジェクトで送ってください' }],
    };
  }
  const input = plainToInstance(dto, value);
  return { input, problems: problemsOf(await validate(input, INPUT_VALIDATION)) };
}

/** Reads `plain` into its DTO, or throws InvalidInputError naming every wrong field. */
export async function validInput<T extends object>(
  dto: ClassConstructor<T>,
  plain: unknown,
): Promise<T> {
  const { input, problems } = await checkInput(dto, plain);
  if (problems.length > 0) throw invalidInputError(problems);
  return input;
}
