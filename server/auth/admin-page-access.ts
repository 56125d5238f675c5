import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService } from './auth.service.js';
import { sessionToken } from './session-cookie.js';

/** What an admin page is called in the audit trail and in its refusal. */
export interface AdminPage {
  /** `queues`: recorded as `queues.viewed` and `queues.changed`. */
  entity: string;
  /** Its name in a sentence: キューの管理画面. */
  name: string;
}

/**
 * Pages served outside the API's guards (the queue board, the API's documentation) let in only
 * a signed-in admin; opening one is recorded as a read (once in ten minutes), and a change made
 * from it (a retried job) with the request that made it.
 */
export function adminPageAccess(auth: AuthService, audit: AuditService, page: AdminPage) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const token = sessionToken(request);
    const user = token ? await auth.authenticate(token) : null;
    if (!user) {
      refuse(
        response,
        HttpStatus.UNAUTHORIZED,
        'ログインしていないか、ログインの有効期限が切れています。コンソールで管理者としてログインしてから開いてください',
      );
      return;
    }
    if (user.mustChangePassword || user.role !== 'admin') {
      refuse(
        response,
        HttpStatus.FORBIDDEN,
        `${page.name}は管理者だけが開けます。必要なら管理者に依頼してください`,
      );
      return;
    }
    const event = { actor: user.login, entity: page.entity, ip: request.ip ?? null };
    if (request.method === 'GET' || request.method === 'HEAD') {
      await audit.recordRead({ ...event, action: `${page.entity}.viewed` });
    } else {
      await audit.record({
        ...event,
        action: `${page.entity}.changed`,
        after: { method: request.method, path: request.originalUrl.slice(0, 300) },
      });
    }
    next();
  };
}

function refuse(response: Response, status: HttpStatus, message: string): void {
  response.status(status).type('text/plain; charset=utf-8').send(message);
}
