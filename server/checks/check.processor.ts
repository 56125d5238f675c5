import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CheckDossierPayload, DEFAULT_JOB_OPTIONS, JOBS, QUEUES } from '../queues/queues.js';
import { runChecks } from '../rules/check-rules.js';
import { CheckRepository } from './check.repository.js';

/**
 * Judges one dossier at one inputs version with every rule of rules.md, and replaces its
 * results. State is checked first, so a retry or a duplicate does no harm.
 */
@Processor(QUEUES.checks)
export class CheckProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CheckProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checks: CheckRepository,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: Job<CheckDossierPayload>): Promise<{ skipped: boolean }> {
    if (job.name !== JOBS.checks.dossier) {
      throw new Error(`Unknown job "${job.name}" on queue ${QUEUES.checks}`);
    }
    // Checks state first: a duplicate or a retry of a version already judged does nothing.
    const loaded = await this.checks.loadInput(
      job.data.roundId,
      job.data.certNo,
      job.data.inputsVersion,
    );
    if (!loaded) return { skipped: true };
    const outcome = runChecks({ ...loaded.input, asOf: new Date() });
    const saved = await this.checks.saveResults(loaded, job.data.inputsVersion, outcome);
    return { skipped: !saved };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<CheckDossierPayload> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
    this.logger.error(
      `Check ${job.id} failed (attempt ${job.attemptsMade}/${attempts}): ${error.message}`,
    );
    if (job.attemptsMade >= attempts) await this.checks.markFailed(job.data, error.message);
  }
}
