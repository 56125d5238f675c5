import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL's refusals of a value it cannot read as its column's type (invalid_text_representation,
 * numeric_value_out_of_range, invalid_datetime_format, datetime_field_overflow,
 * invalid_parameter_value, untranslatable/invalid byte sequences).
 */
const INPUT_CODES = new Set([
  '22P02',
  '22003',
  '22007',
  '22008',
  '22023',
  '22021',
  '2201W',
  '2201X',
]);

/** The kind of value PostgreSQL expected, in words, from its message. */
function expected(message: string): string {
  if (/bigint|integer|smallint|numeric/.test(message)) return '整数';
  if (/uuid/.test(message)) return 'UUID';
  if (/timestamp|date|time/.test(message)) return '日時(2026-04-01 など)';
  return '正しい形式の値';
}

/** The route or query parameter that carried `value` into the query, if any did. */
export function parameterOf(request: Request, value: string): string | null {
  for (const [name, given] of Object.entries(request.params ?? {})) {
    if (given === value) return name;
  }
  const query = Object.entries((request.query ?? {}) as Record<string, unknown>);
  for (const [name, given] of query) if (given === value) return name;
  for (const [name, given] of query) {
    if (JSON.stringify(given ?? '').includes(JSON.stringify(value).slice(1, -1))) return name;
  }
  return null;
}

/**
 * Last line behind the services' own checks: a value from the request that PostgreSQL cannot
 * read (an id that is not a number, a date that does not exist) is answered 400 naming the
 * parameter, in the body DomainErrorFilter gives, instead of 500. Anything else goes on to
 * Nest's own handling (500, logged).
 */
@Catch(QueryFailedError)
export class QueryInputErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(QueryInputErrorFilter.name);

  override catch(error: QueryFailedError, host: ArgumentsHost): void {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    const http = host.switchToHttp();
    const request = http.getRequest<Request | undefined>();
    if (host.getType() !== 'http' || !request || !code || !INPUT_CODES.has(code)) {
      return super.catch(error, host);
    }
    const value = /"([^"]*)"/.exec(error.message)?.[1];
    const parameter = value === undefined ? null : parameterOf(request, value);
    if (parameter === null || value === undefined) return super.catch(error, host);
    this.logger.warn(`${request.method} ${request.path}: ${parameter} refused (${error.message})`);
    const message = `${parameter} の値「${value.slice(0, 80)}」は読めません。${expected(error.message)}で指定してください`;
    http
      .getResponse<Response>()
      .status(HttpStatus.BAD_REQUEST)
      .json({
        statusCode: HttpStatus.BAD_REQUEST,
        message,
        problems: [{ field: parameter, message }],
        errors: { [parameter]: message },
      });
  }
}
