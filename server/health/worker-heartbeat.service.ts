import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkerHeartbeatRepository } from './worker-heartbeat.repository.js';

/** How often a worker process says it is alive; health wants one in the last minute. */
export const HEARTBEAT_EVERY_MS = 15_000;
export const HEARTBEAT_FRESH_SECONDS = 60;

/**
 * In worker processes: a row in `worker_heartbeats` written at start and every 15 s, removed
 * when the process stops in order. Health answers 503 (`failing: ['worker']`) when no worker
 * was seen in the last minute: jobs would wait for ever and nothing else would say so.
 */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeatService.name);
  private readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(private readonly heartbeats: WorkerHeartbeatRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    await this.heartbeats.prune().catch(() => undefined);
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.heartbeats.remove(this.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.heartbeats.beat(this.id, hostname(), process.pid);
      if (this.failing) this.logger.log('Heartbeat written again');
      this.failing = false;
    } catch (error) {
      // The database is away: health says so by itself; the next beat tries again.
      if (!this.failing) {
        this.logger.warn(`Could not write the heartbeat: ${(error as Error).message}`);
      }
      this.failing = true;
    }
  }
}
