import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { likeLiteral, type ListQuery } from '../common/list-query.js';
import { UserEntity, UserRole } from './user.entity.js';

export const USER_SORTABLE = ['login', 'displayName', 'role', 'lastLoginAt', 'createdAt'] as const;
export type UserSortField = (typeof USER_SORTABLE)[number];

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findByLogin(login: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ login });
  }

  findByLogins(logins: readonly string[]): Promise<UserEntity[]> {
    return logins.length === 0
      ? Promise.resolve([])
      : this.users.findBy({ login: In([...logins]) });
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Inserts unless the login exists; returns null then. */
  async insert(values: {
    login: string;
    displayName: string;
    role: UserRole;
    passwordHash: string;
    mustChangePassword: boolean;
    workplaceFacilityNo?: string | null;
    workplaceName?: string | null;
  }): Promise<UserEntity | null> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(values)
      .orIgnore()
      .returning('*')
      .execute();
    return (result.raw as unknown[]).length > 0 ? this.findByLogin(values.login) : null;
  }

  /**
   * Claims one password check of the account before it is made, in one statement: parallel
   * attempts queue on the row, so no more than `maxFailures` passwords are ever checked between
   * two good logins. The claim that reaches the limit locks the account at once (the right
   * password then unlocks it, {@link recordSuccess}); a lock that has run out starts the count
   * again. Returns whether this check locks the account, or the end of the lock that refuses it.
   */
  async claimPasswordCheck(
    id: number,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ claimed: true; locks: boolean } | { claimed: false; lockedUntil: Date }> {
    const [rows] = (await this.users.query(
      `UPDATE users
          SET failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1
                                             ELSE failed_logins + 1 END) >= $2
                                  THEN now() + make_interval(mins => $3) END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING locked_until`,
      [id, maxFailures, lockMinutes],
    )) as [{ locked_until: Date | null }[], number];
    if (rows.length > 0) return { claimed: true, locks: rows[0].locked_until !== null };
    const locked = (await this.users.query(`SELECT locked_until FROM users WHERE id = $1`, [
      id,
    ])) as { locked_until: Date | null }[];
    return { claimed: false, lockedUntil: locked[0]?.locked_until ?? new Date() };
  }

  async recordSuccess(id: number): Promise<void> {
    await this.users.update(
      { id },
      { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() },
    );
  }

  async unlock(id: number): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  /** Name, role, activity and workplace, as an admin edits them. */
  async updateProfile(
    id: number,
    values: Partial<
      Pick<UserEntity, 'displayName' | 'role' | 'active' | 'workplaceFacilityNo' | 'workplaceName'>
    >,
  ): Promise<void> {
    await this.users.update({ id }, values);
  }

  list(query: ListQuery<UserSortField>): Promise<[UserEntity[], number]> {
    const builder = this.users.createQueryBuilder('u');
    const f = query.filter;
    if (typeof f.role === 'string' && f.role) builder.andWhere('u.role = :role', { role: f.role });
    if (f.active === true || f.active === false)
      builder.andWhere('u.active = :active', { active: f.active });
    if (typeof f.q === 'string' && f.q.trim()) {
      const q = `%${likeLiteral(f.q.trim())}%`;
      builder.andWhere(
        '(u.login ILIKE :q OR u.display_name ILIKE :q OR u.workplace_name ILIKE :q OR u.workplace_facility_no = :exact)',
        { q, exact: f.q.trim() },
      );
    }
    return builder
      .orderBy(`u.${query.sortField}`, query.sortOrder)
      .addOrderBy('u.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
  }

  async setPassword(id: number, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.users.update(
      { id },
      { passwordHash, mustChangePassword, passwordChangedAt: new Date() },
    );
  }

  /** A better hash of the same password (an older algorithm upgraded at login). */
  async rehash(id: number, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }
}
