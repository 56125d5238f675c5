import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';
import { USER_ROLES, UserEntity, UserRole } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { AuditService } from '../audit/audit.service.js';
import {
  LOGIN_PER_ADDRESS,
  PASSWORD_CHANGE_PER_ACCOUNT,
  RateLimitService,
} from './rate-limit.service.js';

/** What a request knows of its caller. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: UserRole;
  /** The account must choose a new password before anything else. */
  mustChangePassword: boolean;
}

export function toSessionUser(user: UserEntity): SessionUser {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** The account is locked until this moment (too many wrong passwords). */
export class AccountLockedError extends Error {
  constructor(readonly until: Date) {
    super(
      `パスワードを続けて間違えたため、このアカウントは ${until.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' })} まで一時的にロックされています。時間をおいてもう一度試すか、管理者に連絡してください`,
    );
  }
}

/** Spent on an unknown login too, so timing does not tell which logins exist. */
const DUMMY_HASH_PROMISE = hashPassword('not a real password');

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
  ) {}

  /**
   * Returns a new session token for the right login and password, or null. Each check of an
   * account's password is claimed first ({@link UserRepository.claimPasswordCheck}), so however
   * many attempts run at once, at most MAX_FAILED_LOGINS passwords are checked before the lock;
   * a locked account is refused, the right password too, without checking it.
   */
  async login(
    login: string,
    password: string,
    ip: string | null = null,
  ): Promise<{ token: string; user: SessionUser; expiresAt: Date } | null> {
    if (ip) await this.limits.consume(LOGIN_PER_ADDRESS, ip);
    const user = await this.users.findByLogin(login.trim());
    const claim =
      user && user.active
        ? await this.users.claimPasswordCheck(user.id, MAX_FAILED_LOGINS, LOCK_MINUTES)
        : null;
    if (user && claim && !claim.claimed) {
      this.logger.warn(`Login refused for locked account "${user.login}"`);
      await this.audit.record({
        actor: user.login,
        action: 'auth.login-refused-locked',
        entity: 'user',
        entityId: user.login,
        ip,
      });
      throw new AccountLockedError(claim.lockedUntil);
    }
    // Spent on an unknown or inactive login too, so timing does not tell which logins exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !user.active || !valid) {
      this.logger.warn(`Failed login for "${login}"`);
      await this.audit.record({
        actor: login.slice(0, 80),
        action: 'auth.login-failed',
        entity: 'user',
        entityId: user?.login ?? null,
        ip,
      });
      if (user && claim?.claimed && claim.locks) {
        const { lockedUntil } = (await this.users.findById(user.id)) ?? {};
        const until = lockedUntil ?? new Date(Date.now() + LOCK_MINUTES * 60_000);
        this.logger.warn(`Account "${user.login}" locked until ${until.toISOString()}`);
        await this.audit.record({
          actor: user.login,
          action: 'auth.locked',
          entity: 'user',
          entityId: user.login,
          after: { lockedUntil: until.toISOString() },
          ip,
        });
        throw new AccountLockedError(until);
      }
      return null;
    }
    await this.users.recordSuccess(user.id);
    if (needsRehash(user.passwordHash)) {
      await this.users.rehash(user.id, await hashPassword(password));
      this.logger.log(`Password hash of ${user.login} upgraded to argon2id`);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600 * 1000);
    await this.sessions.insert(hashToken(token), user.id, expiresAt);
    this.logger.log(`User ${user.login} logged in`);
    await this.audit.record({
      actor: user.login,
      action: 'auth.login',
      entity: 'user',
      entityId: user.login,
      ip,
    });
    return { token, user: toSessionUser(user), expiresAt };
  }

  /**
   * Changes the caller's password: the current one must be right, the new one strong and
   * different. Every other session of the account ends. Attempts per account are limited
   * (PASSWORD_CHANGE_PER_ACCOUNT), so the current password cannot be guessed here either.
   */
  async changePassword(
    userId: number,
    token: string,
    current: string,
    next: string,
    ip: string | null = null,
  ): Promise<SessionUser> {
    await this.limits.consume(PASSWORD_CHANGE_PER_ACCOUNT, String(userId));
    const user = await this.users.findById(userId);
    if (!user)
      throw new InvalidInputError('アカウントが見つかりません。もう一度ログインしてください');
    const problems: { field: string; message: string }[] = [];
    if (!(await verifyPassword(current ?? '', user.passwordHash))) {
      problems.push({ field: 'currentPassword', message: '今のパスワードが違います' });
      this.logger.warn(`Password change of ${user.login} refused: wrong current password`);
      await this.audit.record({
        actor: user.login,
        action: 'auth.password-change-failed',
        entity: 'user',
        entityId: user.login,
        ip,
      });
    }
    const weak = passwordProblem(next ?? '', user.login);
    if (weak) problems.push({ field: 'newPassword', message: weak });
    else if (next === current) {
      problems.push({ field: 'newPassword', message: '今と違うパスワードにしてください' });
    }
    if (problems.length > 0)
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    await this.users.setPassword(user.id, await hashPassword(next), false);
    await this.sessions.deleteOthers(user.id, hashToken(token));
    this.logger.log(`User ${user.login} changed the password`);
    await this.audit.record({
      actor: user.login,
      action: 'auth.password-changed',
      entity: 'user',
      entityId: user.login,
      ip,
    });
    return toSessionUser({ ...user, mustChangePassword: false });
  }

  async authenticate(token: string): Promise<SessionUser | null> {
    const user = await this.sessions.findActiveUser(hashToken(token), new Date());
    return user ? toSessionUser(user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }

  /** `user add`: creates an account; refuses a login that exists. */
  async createUser(input: {
    login: string;
    role: string;
    password: string;
    displayName?: string;
    /** Accounts made for someone else (`cli user add`) must choose their own password first. */
    mustChangePassword?: boolean;
    /** Who creates it, for the audit trail. */
    actor?: string;
    /** A reviewer's workplace, against which conflicts of interest are found. */
    workplaceFacilityNo?: string | null;
    workplaceName?: string | null;
  }): Promise<SessionUser> {
    const login = input.login.trim();
    const problems = [];
    if (!/^[A-Za-z0-9._@-]{2,64}$/.test(login)) {
      problems.push({
        field: 'login',
        message: 'ログイン名は 2〜64 文字の半角英数字と . _ @ - で指定してください',
      });
    }
    if (!(USER_ROLES as readonly string[]).includes(input.role)) {
      problems.push({
        field: 'role',
        message: `役割は ${USER_ROLES.join(' / ')} のいずれかを指定してください`,
      });
    }
    const weak = passwordProblem(input.password, login);
    if (weak) problems.push({ field: 'password', message: weak });
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const created = await this.users.insert({
      login,
      displayName: input.displayName?.trim() || login,
      role: input.role as UserRole,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
      workplaceFacilityNo: input.workplaceFacilityNo?.trim() || null,
      workplaceName: input.workplaceName?.trim() || null,
    });
    if (!created) throw new ConflictError(`ログイン名「${login}」は既に使われています`);
    this.logger.log(`User ${login} created with role ${input.role}`);
    await this.audit.record({
      actor: input.actor ?? 'system',
      action: 'user.created',
      entity: 'user',
      entityId: login,
      after: {
        login,
        role: input.role,
        displayName: created.displayName,
        mustChangePassword: created.mustChangePassword,
        workplaceFacilityNo: created.workplaceFacilityNo,
        workplaceName: created.workplaceName,
      },
    });
    return toSessionUser(created);
  }
}
