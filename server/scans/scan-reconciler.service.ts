import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ScanQueueService } from './scan-queue.service.js';

/** How often the worker looks for envelopes whose reading was lost (a job gone with Redis…). */
const RECONCILE_EVERY_MS = 5 * 60 * 1000;

/**
 * In worker processes: at start and every few minutes, queues every envelope not read as it
 * is now (never read, files added since, read for another applicant or by an earlier reader),
 * so that no reading depends on the queue alone.
 */
@Injectable()
export class ScanReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScanReconciler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly scanQueue: ScanQueueService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    try {
      const queued = await this.scanQueue.queueUnread();
      if (queued) this.logger.log(`${queued} envelopes not read as they are now: queued`);
      return queued;
    } catch (error) {
      // The database or the queue is away for a moment: the next round finds them.
      this.logger.warn(`Could not look for unread envelopes: ${(error as Error).message}`);
      return 0;
    }
  }
}
