import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService, SessionUser } from './auth.service.js';
import { ALLOWED_BEFORE_PASSWORD_CHANGE } from './password-change.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { ROLES } from './roles.decorator.js';
import { sessionToken } from './session-cookie.js';
import type { UserRole } from './user.entity.js';

/**
 * Applied to every endpoint: a request needs a valid session, and the endpoint must name the
 * roles it admits. An endpoint that names none is refused to everyone, so a forgotten
 * @Roles fails closed.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger(SessionGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    const token = sessionToken(request);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) {
      throw new UnauthorizedException(
        'ログインしていないか、ログインの有効期限が切れています。もう一度ログインしてください',
      );
    }
    request.user = user;
    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw new ForbiddenException(
        '最初にパスワードを変更してください(管理者が作ったアカウントは、初回ログインで自分のパスワードに変える必要があります)',
      );
    }

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (!roles) {
      this.logger.error(`${request.method} ${request.path} declares no roles; refused`);
      throw new ForbiddenException('この操作は許可されていません');
    }
    if (!roles.includes(user.role)) {
      throw new ForbiddenException(
        'この操作を行う権限がありません。必要なら管理者に依頼してください',
      );
    }
    return true;
  }
}
