import type { Request } from 'express';

export const SESSION_COOKIE = 'shinsa_session';

/** The session token a request carries, if any (cookie-parser fills `cookies`). */
export function sessionToken(request: Request): string | undefined {
  return (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
}
