import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AccountLockedError, AuthService, SessionUser } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto } from './dto/login.dto.js';
import { PasswordChangeDto } from './dto/password-change.dto.js';
import { AllowedBeforePasswordChange } from './password-change.decorator.js';
import { Public } from './public.decorator.js';
import { Roles } from './roles.decorator.js';
import { SESSION_COOKIE, sessionToken } from './session-cookie.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Limited per client address (the connecting one, or X-Forwarded-For's from a proxy listed in
   * TRUSTED_PROXIES) in every API process together, then locked per account.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionUser> {
    let session: Awaited<ReturnType<AuthService['login']>>;
    try {
      session = await this.auth.login(body.login, body.password, request.ip ?? null);
    } catch (error) {
      if (error instanceof AccountLockedError) {
        throw new HttpException(
          { statusCode: HttpStatus.LOCKED, message: error.message },
          HttpStatus.LOCKED,
        );
      }
      throw error;
    }
    if (!session) {
      throw new UnauthorizedException(
        'ログイン名またはパスワードが違います。確かめてもう一度入力してください',
      );
    }
    response.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      expires: session.expiresAt,
    });
    return session.user;
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const token = sessionToken(request);
    if (token) await this.auth.logout(token);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @AllowedBeforePasswordChange()
  @Get('me')
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }

  /** Changes the caller's own password; other sessions of the account end. */
  @Roles('admin', 'secretariat', 'reviewer')
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  changePassword(
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Body() body: PasswordChangeDto,
  ): Promise<SessionUser> {
    return this.auth.changePassword(
      user.id,
      sessionToken(request) ?? '',
      body.currentPassword,
      body.newPassword,
      request.ip ?? null,
    );
  }
}
