import { Param, type PipeTransform } from '@nestjs/common';
import { InvalidInputError } from './domain-errors.js';

/** The bounds of a numeric path parameter; by default a row's id (identities start at 1). */
export interface NumericBounds {
  min?: number;
  /** The column's own limit when smaller (an `integer` id), else the largest safe integer. */
  max?: number;
}

/** The largest `integer` (int4) column value, for ids kept in one. */
export const INT4_MAX = 2_147_483_647;

/**
 * Refuses a numeric path parameter that is no whole number within its bounds (`abc`, `1.5`,
 * `-1`, twenty digits) with 400 naming it, in the body every other refused input has, instead
 * of answering as if the row did not exist. The value stays text (ids travel as text), written
 * without leading zeros.
 */
export class NumericParamPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly name: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: unknown): string {
    const text = String(value);
    if (/^\d{1,16}$/.test(text) && Number(text) >= this.min && Number(text) <= this.max) {
      return String(Number(text));
    }
    const message = `${this.name} の値「${text.slice(0, 80)}」は読めません。${this.min} 以上 ${this.max} 以下の整数で指定してください`;
    throw new InvalidInputError(message, [{ field: this.name, message }]);
  }
}

/**
 * A numeric path parameter (`@NumericParam('id') id: string`): every route parameter that is a
 * number is read through this, which test/auth/role-matrix.spec.ts checks route by route.
 */
export const NumericParam = (name = 'id', bounds: NumericBounds = {}): ParameterDecorator =>
  Param(name, new NumericParamPipe(name, bounds.min ?? 1, bounds.max ?? Number.MAX_SAFE_INTEGER));
