import { Injectable } from '@nestjs/common';
import type { SessionUser } from '../auth/auth.service.js';
import { jstDay } from '../common/japan-time.js';
import { RoundService } from '../rounds/round.service.js';
import { DashboardCacheService } from './dashboard-cache.service.js';
import { DashboardRepository } from './dashboard.repository.js';
import type { Dashboard } from './dashboard.views.js';

/** A round at a glance; a reviewer's dashboard counts only the dossiers assigned to them. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly rounds: RoundService,
    private readonly cache: DashboardCacheService,
  ) {}

  async get(roundId: unknown, user: SessionUser, now = new Date()): Promise<Dashboard> {
    const round = await this.rounds.get(typeof roundId === 'string' ? roundId : '');
    const day = jstDay(now);
    const onlyAssigned = user.role === 'reviewer';
    const reviewerId = onlyAssigned ? user.id : null;
    const counts = await this.cache.counts(`${round.id}/${reviewerId ?? 'all'}/${day}`, () =>
      this.dashboard.counts(round.id, reviewerId, day),
    );
    return { roundId: round.id, day, onlyAssigned, ...counts };
  }
}
