import { Injectable, Logger } from '@nestjs/common';
import { TooManyRequestsError } from '../common/domain-errors.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/** One limit: at most `limit` hits a key per window of `windowSeconds`. */
export interface RateLimit {
  name: string;
  limit: number;
  windowSeconds: number;
  /** What the refused caller is told (Japanese: what happened and what to do). */
  message: string;
}

/** Login attempts per client address, whatever the account: 20 a minute. */
export const LOGIN_PER_ADDRESS: RateLimit = {
  name: 'login-address',
  limit: 20,
  windowSeconds: 60,
  message: 'ログインの試行が多すぎます。1 分ほど待ってからもう一度試してください',
};

/** Password changes per account: 10 in 15 minutes (the current password is checked each time). */
export const PASSWORD_CHANGE_PER_ACCOUNT: RateLimit = {
  name: 'password-change-account',
  limit: 10,
  windowSeconds: 15 * 60,
  message:
    'パスワード変更の試行が多すぎます。15 分ほど待ってからもう一度試してください。今のパスワードが分からないときは管理者に再設定を依頼してください',
};

/**
 * Limits shared by every API process (counted in PostgreSQL). Counters older than a day are
 * dropped now and then.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);
  private hitsSincePrune = 0;

  constructor(private readonly counters: RateLimitRepository) {}

  /** Counts one hit of `subject` against `limit`; throws TooManyRequestsError past it. */
  async consume(limit: RateLimit, subject: string): Promise<void> {
    const { hits, resetsAt } = await this.counters.hit(
      `${limit.name}:${subject}`,
      limit.windowSeconds,
    );
    if (++this.hitsSincePrune >= 500) {
      this.hitsSincePrune = 0;
      await this.counters.prune(24 * 3600);
    }
    if (hits > limit.limit) {
      if (hits === limit.limit + 1)
        this.logger.warn(`Rate limit ${limit.name} reached by ${subject}`);
      throw new TooManyRequestsError(limit.message, resetsAt);
    }
  }
}
