import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { hashPassword, passwordProblem, verifyPassword } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';
import { USER_ROLES, UserEntity, UserRole } from './user.entity.js';
import { UserRepository } from './user.repository.js';

/** What a request knows of its caller. */
export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: UserRole;
}

export function toSessionUser(user: UserEntity): SessionUser {
  return { id: user.id, login: user.login, displayName: user.displayName, role: user.role };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
  ) {}

  /** Returns a new session token for the right login and password, or null. */
  async login(
    login: string,
    password: string,
  ): Promise<{ token: string; user: SessionUser; expiresAt: Date } | null> {
    const user = await this.users.findByLogin(login.trim());
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !user.active || !valid) {
      this.logger.warn(`Failed login for "${login}"`);
      return null;
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600 * 1000);
    await this.sessions.insert(hashToken(token), user.id, expiresAt);
    this.logger.log(`User ${user.login} logged in`);
    return { token, user: toSessionUser(user), expiresAt };
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
    const weak = passwordProblem(input.password);
    if (weak) problems.push({ field: 'password', message: weak });
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const created = await this.users.insert({
      login,
      displayName: input.displayName?.trim() || login,
      role: input.role as UserRole,
      passwordHash: await hashPassword(input.password),
    });
    if (!created) throw new ConflictError(`ログイン名「${login}」は既に使われています`);
    this.logger.log(`User ${login} created with role ${input.role}`);
    return toSessionUser(created);
  }
}
