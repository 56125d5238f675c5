import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { sessionToken } from '../auth/session-cookie.js';

/**
 * The queue board is an operator's tool outside the API's guards: only a signed-in admin opens
 * it; opening it is recorded as a read (once in ten minutes), and every action on a job
 * (retry, remove, clean, pause) is recorded with what it did.
 */
export function queueBoardAccess(auth: AuthService, audit: AuditService) {
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
        'キューの管理画面は管理者だけが開けます。必要なら管理者に依頼してください',
      );
      return;
    }
    const event = {
      actor: user.login,
      entity: 'queues',
      ip: request.ip ?? null,
    };
    if (request.method === 'GET' || request.method === 'HEAD') {
      await audit.recordRead({ ...event, action: 'queues.viewed' });
    } else {
      await audit.record({
        ...event,
        action: 'queues.changed',
        after: { method: request.method, path: request.originalUrl.slice(0, 300) },
      });
    }
    next();
  };
}

function refuse(response: Response, status: HttpStatus, message: string): void {
  response.status(status).type('text/plain; charset=utf-8').send(message);
}
