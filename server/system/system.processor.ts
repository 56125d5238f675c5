import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import { hostname } from 'node:os';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JOBS, QUEUES, type JobOf, type PingResult, type SystemJob } from '../queues/queues.js';

@Processor(QUEUES.system)
export class SystemProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: JobOf<SystemJob, PingResult>): Promise<PingResult> {
    const name: string = job.name;
    if (job.name === JOBS.system.ping) {
      // Answering is the whole job: it proves a worker takes jobs from this backend.
      return { worker: `${hostname()}:${process.pid}`, answeredAt: new Date().toISOString() };
    }
    throw new Error(`Unknown job "${name}" on queue ${QUEUES.system}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`Job ${job?.name} ${job?.id} failed: ${error.message}`);
  }
}
