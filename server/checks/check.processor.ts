import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  attemptsOf,
  CHECK_WORKER_OPTIONS,
  isFinalAttempt,
  JOBS,
  QUEUES,
  type CheckJob,
  type JobOf,
} from '../queues/queues.js';
import { CheckQueueService } from './check-queue.service.js';
import { runChecks } from '../rules/run-checks.js';
import { CheckRepository } from './check.repository.js';

/**
 * Judges one dossier at one inputs version with every rule of rules.md, and replaces its
 * results. State is checked first, so a retry or a duplicate does no harm.
 */
@Processor(QUEUES.checks, CHECK_WORKER_OPTIONS)
export class CheckProcessor extends GracefulWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CheckProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checks: CheckRepository,
    private readonly queue: CheckQueueService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.workerConcurrency;
    const scheduled = await this.queue.scheduleDeadlines();
    if (scheduled) this.logger.log(`${scheduled} re-checks scheduled at the rounds' deadlines`);
  }

  async process(job: JobOf<CheckJob>): Promise<{ skipped: boolean } | { queued: number }> {
    const name: string = job.name;
    if (job.name === JOBS.checks.recheckRound) {
      const { roundId, deadline } = job.data;
      const queued = await this.queue.requeueRound(roundId);
      this.logger.log(`Round ${roundId}: ${deadline} passed, ${queued} dossiers to check again`);
      return { queued };
    }
    if (job.name !== JOBS.checks.dossier) {
      throw new Error(`Unknown job "${name}" on queue ${QUEUES.checks}`);
    }
    const { data } = job;
    // Checks state first: a duplicate or a retry of a version already judged does nothing.
    const loaded = await this.checks.loadInput(data.roundId, data.certNo, data.inputsVersion);
    if (!loaded) return { skipped: true };
    const outcome = runChecks({ ...loaded.input, asOf: new Date() });
    const saved = await this.checks.saveResults(loaded, data.inputsVersion, outcome);
    return { skipped: !saved };
  }

  /**
   * Records a check that failed for good, so it is listed for admins. Never throws: a failure
   * handler that rejects would be an unhandled rejection. The failure may be the database
   * itself being away, so recording is tried again for about two minutes; after that the
   * reconciler finds the failed job of a dossier still waiting and runs it again.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: JobOf<CheckJob> | undefined, error: Error): Promise<void> {
    try {
      if (!job || job.name !== JOBS.checks.dossier) return;
      this.logger.error(
        `Check ${job.id} failed (attempt ${job.attemptsMade}/${attemptsOf(job)}): ${error.message}`,
      );
      if (!isFinalAttempt(job)) return;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.checks.markFailed(job.data, error.message);
          return;
        } catch (markError) {
          if (attempt >= FAILURE_RECORD_ATTEMPTS) throw markError;
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 30000)));
        }
      }
    } catch (handlerError) {
      this.logger.error(
        `Could not record the failure of check ${job?.id} (the reconciler runs it again): ${(handlerError as Error).message}`,
      );
    }
  }
}

/** Tries to record a failure: 2, 4, 8, 16, 30, 30, 30 s apart, about two minutes. */
const FAILURE_RECORD_ATTEMPTS = 8;
