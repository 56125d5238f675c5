import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AuthService, type SessionUser } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import { SessionRepository } from '../auth/session.repository.js';
import type { UserEntity, UserRole } from '../auth/user.entity.js';
import { UserRepository, type UserSortField } from '../auth/user.repository.js';
import { NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import type { AccountCreateDto } from './dto/account-create.dto.js';
import type { AccountUpdateDto } from './dto/account-update.dto.js';
import { temporaryPassword } from './temporary-password.js';

/** An account as admins see it: never its password hash. */
export interface AccountView {
  id: number;
  login: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  workplaceFacilityNo: string | null;
  workplaceName: string | null;
  mustChangePassword: boolean;
  /** Set while the account is locked after repeated wrong passwords. */
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
}

function toView(user: UserEntity, now = new Date()): AccountView {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    workplaceFacilityNo: user.workplaceFacilityNo,
    workplaceName: user.workplaceName,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null,
    lastLoginAt: user.lastLoginAt,
    passwordChangedAt: user.passwordChangedAt,
    createdAt: user.createdAt,
  };
}

/** What the audit trail keeps of an account's state. */
const profile = (
  user: Pick<
    UserEntity,
    'displayName' | 'role' | 'active' | 'workplaceFacilityNo' | 'workplaceName'
  >,
) => ({
  displayName: user.displayName,
  role: user.role,
  active: user.active,
  workplaceFacilityNo: user.workplaceFacilityNo,
  workplaceName: user.workplaceName,
});

const blankToNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value?.normalize('NFKC').trim() || null;

/**
 * Account management for admins: create (with a one-time password shown once), edit name,
 * role, workplace and activity, reset a password, lift a lock. Deactivating an account or
 * changing its role ends its sessions; no admin can remove their own admin rights, so one
 * always remains.
 */
@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    private readonly auth: AuthService,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListQuery<UserSortField>): Promise<[AccountView[], number]> {
    const [rows, total] = await this.users.list(query);
    return [rows.map((u) => toView(u)), total];
  }

  async get(id: number): Promise<AccountView> {
    return toView(await this.find(id));
  }

  /**
   * Creates an account that must choose its own password at first login. Without a password
   * given, a one-time password is made and returned once (it is stored only hashed).
   */
  async create(
    body: AccountCreateDto,
    actor: SessionUser,
  ): Promise<AccountView & { temporaryPassword?: string }> {
    const generated = body.password ? undefined : temporaryPassword();
    const created = await this.auth.createUser({
      login: body.login,
      role: body.role,
      password: body.password ?? generated!,
      displayName: body.displayName,
      mustChangePassword: true,
      actor: actor.login,
      workplaceFacilityNo: blankToNull(body.workplaceFacilityNo),
      workplaceName: blankToNull(body.workplaceName),
    });
    const view = await this.get(created.id);
    return generated ? { ...view, temporaryPassword: generated } : view;
  }

  async update(id: number, body: AccountUpdateDto, actor: SessionUser): Promise<AccountView> {
    const user = await this.find(id);
    const next = {
      displayName: body.displayName?.trim() || user.displayName,
      role: body.role ?? user.role,
      active: body.active ?? user.active,
      workplaceFacilityNo:
        body.workplaceFacilityNo === undefined
          ? user.workplaceFacilityNo
          : blankToNull(body.workplaceFacilityNo)!,
      workplaceName:
        body.workplaceName === undefined ? user.workplaceName : blankToNull(body.workplaceName)!,
    };
    const losesAdmin =
      user.role === 'admin' && user.active && (next.role !== 'admin' || !next.active);
    // The caller is an active admin, so refusing this for oneself always leaves one admin.
    if (losesAdmin && user.id === actor.id) {
      throw new NotAllowedError(
        '自分自身のアカウントを無効にしたり、管理者から外したりはできません。別の管理者に依頼してください',
      );
    }
    const before = profile(user);
    const after = profile(next);
    if (JSON.stringify(before) === JSON.stringify(after)) return toView(user);
    await this.users.updateProfile(user.id, next);
    // Someone deactivated or given another role must not keep what an open session allows.
    const endSessions = next.role !== user.role || (user.active && !next.active);
    const ended = endSessions ? await this.sessions.deleteAll(user.id) : 0;
    await this.audit.record({
      actor: actor.login,
      action: 'user.updated',
      entity: 'user',
      entityId: user.login,
      before,
      after: endSessions ? { ...after, sessionsEnded: ended } : after,
    });
    this.logger.log(`${actor.login} updated account ${user.login}`);
    return this.get(user.id);
  }

  /**
   * A new one-time password for someone who forgot theirs: returned once, to be handed over;
   * the account must change it at next login, its sessions end and any lock is lifted.
   */
  async resetPassword(
    id: number,
    actor: SessionUser,
  ): Promise<AccountView & { temporaryPassword: string }> {
    const user = await this.find(id);
    if (user.id === actor.id) {
      throw new NotAllowedError(
        '自分のパスワードは「パスワード変更」で変えてください(再設定は他の人のアカウントに使います)',
      );
    }
    const password = temporaryPassword();
    await this.users.setPassword(user.id, await hashPassword(password), true);
    await this.users.unlock(user.id);
    const ended = await this.sessions.deleteAll(user.id);
    await this.audit.record({
      actor: actor.login,
      action: 'user.password-reset',
      entity: 'user',
      entityId: user.login,
      after: { mustChangePassword: true, sessionsEnded: ended },
    });
    this.logger.log(`${actor.login} reset the password of ${user.login}`);
    return { ...(await this.get(user.id)), temporaryPassword: password };
  }

  async unlock(id: number, actor: SessionUser): Promise<AccountView> {
    const user = await this.find(id);
    await this.users.unlock(user.id);
    await this.audit.record({
      actor: actor.login,
      action: 'user.unlocked',
      entity: 'user',
      entityId: user.login,
      before: {
        lockedUntil: user.lockedUntil?.toISOString() ?? null,
        failedLogins: user.failedLogins,
      },
    });
    return this.get(user.id);
  }

  private async find(id: number): Promise<UserEntity> {
    // An account id is a PostgreSQL integer: anything beyond names no account.
    const user =
      Number.isInteger(id) && id > 0 && id <= 2 ** 31 - 1 ? await this.users.findById(id) : null;
    if (!user) throw new NotFoundError(`アカウント ${id} はありません。一覧から選び直してください`);
    return user;
  }
}
