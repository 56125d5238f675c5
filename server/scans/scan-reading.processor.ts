import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import {
  attemptsOf,
  JOBS,
  QUEUES,
  SCAN_WORKER_OPTIONS,
  type JobOf,
  type ScanJob,
} from '../queues/queues.js';
import { ScanReadingService, type EnvelopeRead } from './scan-reading.service.js';

/**
 * Reads one envelope's scanned pages per job (scan-reading.service.ts); as many envelopes at
 * once as the process has OCR workers.
 */
@Processor(QUEUES.scans, SCAN_WORKER_OPTIONS)
export class ScanReadingProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScanReadingProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reading: ScanReadingService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.scanReaders;
  }

  async process(job: JobOf<ScanJob>): Promise<EnvelopeRead> {
    const name: string = job.name;
    if (job.name !== JOBS.scans.analyseEnvelope) {
      throw new Error(`Unknown job "${name}" on queue ${QUEUES.scans}`);
    }
    return this.reading.readEnvelope(job.data.roundId, job.data.receiptNo);
  }

  @OnWorkerEvent('failed')
  onFailed(job: JobOf<ScanJob> | undefined, error: Error): void {
    if (!job) return;
    this.logger.error(
      `Reading ${job.id} failed (attempt ${job.attemptsMade}/${attemptsOf(job)}): ${error.message}`,
    );
  }
}
