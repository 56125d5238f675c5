import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class SessionRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  async insert(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.sessions.insert({ tokenHash, userId, expiresAt });
  }

  /** The active user of an unexpired session, in one query. */
  async findActiveUser(tokenHash: string, now: Date): Promise<UserEntity | null> {
    return this.sessions.manager
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(SessionEntity, 's', 's.user_id = u.id')
      .where('s.token_hash = :tokenHash', { tokenHash })
      .andWhere('s.expires_at > :now', { now })
      .andWhere('u.active')
      .getOne();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sessions.delete({ tokenHash });
  }

  /** Ends every other session of the user (after a password change). */
  async deleteOthers(userId: number, keepTokenHash: string): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId AND token_hash <> :keepTokenHash', { userId, keepTokenHash })
      .execute();
  }

  /** Ends every session of the user (account deactivated, role changed, password reset). */
  async deleteAll(userId: number): Promise<number> {
    const result = await this.sessions.delete({ userId });
    return result.affected ?? 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
