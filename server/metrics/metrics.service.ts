import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { QUEUES } from '../queues/queues.js';
import { registry, watchQueue } from './metrics.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** The process's metrics for a scraper that shows the deployment's token. */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private readonly unwatch: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      this.unwatch.push(
        watchQueue({
          name,
          counts: async () => queue.getJobCounts(...STATES),
        }),
      );
    }
  }

  onModuleDestroy(): void {
    for (const stop of this.unwatch) stop();
  }

  /** The metrics in Prometheus's text format, for the deployment's token only. */
  async scrape(authorization: string | undefined): Promise<{ type: string; body: string }> {
    if (!this.config.metricsToken) {
      throw new NotFoundError(
        'メトリクスは無効です。公開するには METRICS_TOKEN を設定してサーバーを起動し直してください',
      );
    }
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal lengths, and no timing clue to the token.
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (!timingSafeEqual(digest(given), digest(this.config.metricsToken))) {
      throw new NotAllowedError(
        'トークンが違います。Authorization: Bearer <METRICS_TOKEN> を付けてください',
      );
    }
    return { type: registry.contentType, body: await registry.metrics() };
  }
}
