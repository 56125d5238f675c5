import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity, UserRole } from './user.entity.js';

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findByLogin(login: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ login });
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
   * Counts a wrong password; at `maxFailures` the account is locked for `lockMinutes` and the
   * count starts again. Returns the lock's end when this failure locked it.
   */
  async recordFailure(id: number, maxFailures: number, lockMinutes: number): Promise<Date | null> {
    const [rows] = (await this.users.query(
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING failed_logins, locked_until`,
      [id, maxFailures, lockMinutes],
    )) as [{ failed_logins: number; locked_until: Date | null }[], number];
    const row = rows[0];
    return row && row.failed_logins === 0 && row.locked_until ? row.locked_until : null;
  }

  async recordSuccess(id: number): Promise<void> {
    await this.users.update({ id }, { failedLogins: 0, lockedUntil: null });
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
