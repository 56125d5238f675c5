import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CheckQueueService } from '../checks/check-queue.service.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ImportRecoveryService } from '../imports/import-recovery.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ScanQueueService } from '../scans/scan-queue.service.js';

export interface ReconcileReport {
  checks: { queued: number; retried: number } | null;
  imports: { resumed: number; failed: number } | null;
  envelopes: number | null;
  outbox: { interrupted: number; batches: number } | null;
}

/**
 * In worker processes, at start and every RECONCILE_SECONDS: nothing depends on the queue
 * alone. Whatever was lost (Redis restarted empty, a worker killed between a commit and its
 * queueing, a failure the database could not record) is found from PostgreSQL and queued again:
 * every dossier whose inputs are ahead of its last check, every import left queued or running
 * by a lost worker, every envelope not read as it is now, every approved e-mail not sent. Each part runs on its own; one that
 * cannot (the database or the queue away for a moment) is logged and tried at the next round.
 * Rounds never overlap, and every step is idempotent, so several worker processes may run it.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcileReport> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checks: CheckQueueService,
    private readonly imports: ImportRecoveryService,
    private readonly scans: ScanQueueService,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    // The first round runs beside the start-up, not before it: health answers meanwhile.
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), this.config.reconcileEverySeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round; a call during a round waits for it. Never throws. */
  reconcile(): Promise<ReconcileReport> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<ReconcileReport> {
    const checks = await this.part('dossiers to check', () => this.checks.reconcile());
    if (checks && checks.queued + checks.retried > 0) {
      this.logger.warn(
        `${checks.queued} checks lost and queued again, ${checks.retried} failed checks not recorded run again`,
      );
    }
    const imports = await this.part('imports left by a lost worker', () =>
      this.imports.reconcile(),
    );
    const envelopes = await this.part('envelopes not read', () => this.scans.queueUnread());
    if (envelopes) this.logger.log(`${envelopes} envelopes not read as they are now: queued`);
    const outbox = await this.part('e-mails left approved or interrupted', () =>
      this.outbox.reconcile(),
    );
    if (outbox?.interrupted) {
      this.logger.warn(`${outbox.interrupted} e-mails interrupted while sending: marked unsent`);
    }
    return { checks, imports, envelopes, outbox };
  }

  private async part<T>(what: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      this.logger.warn(`Could not look for ${what}: ${(error as Error).message}`);
      return null;
    }
  }
}
