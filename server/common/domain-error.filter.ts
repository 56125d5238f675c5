import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import {
  ConflictError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
  TooManyRequestsError,
} from './domain-errors.js';
import { ListQueryError } from './list-query.js';

type DomainError =
  | InvalidInputError
  | NotFoundError
  | ConflictError
  | NotAllowedError
  | ListQueryError
  | TooManyRequestsError;

/**
 * Answers a domain error with its status and a body react-admin understands: `message` for the
 * notification, and `errors` keyed by field (or query parameter) so a form marks those at fault.
 */
@Catch(
  InvalidInputError,
  NotFoundError,
  ConflictError,
  NotAllowedError,
  ListQueryError,
  TooManyRequestsError,
)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof InvalidInputError) {
      const errors = Object.fromEntries(error.problems.map((p) => [p.field || 'root', p.message]));
      response.status(HttpStatus.BAD_REQUEST).json({
        statusCode: HttpStatus.BAD_REQUEST,
        message: error.message,
        problems: error.problems,
        errors,
      });
      return;
    }
    if (error instanceof ListQueryError) {
      response.status(HttpStatus.BAD_REQUEST).json({
        statusCode: HttpStatus.BAD_REQUEST,
        message: error.message,
        problems: [{ field: error.parameter, message: error.message }],
        errors: { [error.parameter]: error.message },
      });
      return;
    }
    if (error instanceof TooManyRequestsError) {
      const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000));
      response
        .status(HttpStatus.TOO_MANY_REQUESTS)
        .setHeader('Retry-After', String(seconds))
        .json({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message: error.message });
      return;
    }
    const status =
      error instanceof NotFoundError
        ? HttpStatus.NOT_FOUND
        : error instanceof ConflictError
          ? HttpStatus.CONFLICT
          : error instanceof NotAllowedError
            ? HttpStatus.FORBIDDEN
            : HttpStatus.BAD_REQUEST;
    response.status(status).json({ statusCode: status, message: error.message });
  }
}
