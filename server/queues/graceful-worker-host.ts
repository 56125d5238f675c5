import { WorkerHost } from '@nestjs/bullmq';
import type { BeforeApplicationShutdown } from '@nestjs/common';

/**
 * A processor whose worker finishes its active jobs before the rest of the application (the
 * database above all) shuts down: Nest closes workers and the DataSource in the same phase,
 * in no guaranteed order.
 */
export abstract class GracefulWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
