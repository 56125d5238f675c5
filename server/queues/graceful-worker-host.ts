import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { jobFailures, jobSeconds } from '../metrics/metrics.js';

/**
 * A processor whose worker finishes its active jobs before the rest of the application (the
 * database above all) shuts down: Nest closes workers and the DataSource in the same phase,
 * in no guaranteed order. Every job it finishes or fails is counted in the metrics.
 */
export abstract class GracefulWorkerHost extends WorkerHost implements BeforeApplicationShutdown {
  constructor() {
    super();
    // Every log line written while a job runs names its queue and job (nestjs-pino's context).
    const run = this.process.bind(this);
    this.process = (job: Job, token?: string) =>
      jobLogContext().runInContext(() => run(job, token), {
        bindings: { queue: job.queueName, jobId: job.id },
      });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  @OnWorkerEvent('completed')
  countCompleted(job: Job): void {
    observeJob(job, 'completed', this.workUnits(job, 'completed'));
  }

  @OnWorkerEvent('failed')
  countFailed(job: Job | undefined): void {
    if (!job) return;
    const units = this.workUnits(job, 'failed');
    jobFailures.inc({ queue: job.queueName }, units);
    observeJob(job, 'failed', units);
  }

  /**
   * How many units of work (what the metrics count: a dossier, an envelope) a job was: one,
   * unless a processor's jobs do several at once.
   */
  protected workUnits(_job: Job, _outcome: 'completed' | 'failed'): number {
    return 1;
  }
}

let context: PinoLogger | null = null;

/** Made at the first job, once the application's logger exists. */
function jobLogContext(): PinoLogger {
  context ??= new PinoLogger({});
  return context;
}

/** Each unit of the job observed once, with its share of the job's seconds. */
function observeJob(job: Job, outcome: 'completed' | 'failed', units: number): void {
  if (!job.processedOn || !job.finishedOn || units <= 0) return;
  const seconds = (job.finishedOn - job.processedOn) / 1000 / units;
  for (let unit = 0; unit < units; unit++)
    jobSeconds.observe({ queue: job.queueName, outcome }, seconds);
}
