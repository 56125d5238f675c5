import type { FieldProblem } from './field-problem.js';

/**
 * Errors services raise for people to read. They carry no HTTP or CLI detail: the HTTP filter
 * and the CLI each turn them into a status of their own.
 */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Someone else changed the record since it was read. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The caller's role does not allow this particular change (beyond the endpoint's own check). */
export class NotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

/** Too many attempts of something limited (logins, password changes) in a short time. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    /** When the caller may try again. */
    readonly retryAt: Date,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}
