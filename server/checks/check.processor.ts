import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  attemptsOf,
  CHECK_WORKER_OPTIONS,
  isFinalAttempt,
  JOBS,
  QUEUES,
  type CheckDossiersPayload,
  type CheckJob,
  type JobOf,
} from '../queues/queues.js';
import { CheckQueueService } from './check-queue.service.js';
import { warmPostalData } from '../postal/postal-dictionary.js';
import { runChecks } from '../rules/run-checks.js';
import { CheckRepository, type CheckTarget, type JudgedDossier } from './check.repository.js';

/** What a batch job did with its dossiers. */
export interface BatchOutcome {
  /** Judged and saved. */
  judged: number;
  /** Judged at their version or later already (or gone): nothing to do. */
  skipped: number;
  /** Handed over to jobs of their own, which retry and give up each on its own. */
  alone: number;
}

/**
 * Judges dossiers with every rule of rules.md, each at the inputs version its job was queued
 * for, and replaces their results: one dossier (its own job), or a batch of one round's
 * (inputs read in one query, results saved in one transaction). State is checked first, so a
 * retry or a duplicate does no harm.
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
    // In the background: the address rule's postal data, read before the first checks need it.
    void warmPostalData().catch((error: Error) =>
      this.logger.warn(`Could not read the postal data ahead: ${error.message}`),
    );
    const scheduled = await this.queue.scheduleDeadlines();
    if (scheduled) this.logger.log(`${scheduled} re-checks scheduled at the rounds' deadlines`);
  }

  async process(
    job: JobOf<CheckJob>,
  ): Promise<{ skipped: boolean } | { queued: number } | BatchOutcome> {
    const name: string = job.name;
    if (job.name === JOBS.checks.recheckRound) {
      const { roundId, deadline } = job.data;
      const queued = await this.queue.requeueRound(roundId);
      this.logger.log(`Round ${roundId}: ${deadline} passed, ${queued} dossiers to check again`);
      return { queued };
    }
    if (job.name === JOBS.checks.dossiers) return this.checkBatch(job.data);
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
   * A batch: the dossiers not judged at their version yet are read at once, judged one by one
   * and saved at once. A dossier whose rules throw is handed over to a job of its own, so it
   * is retried and given up alone while its batch-mates are saved. When reading or saving the
   * batch fails, every dossier of it is handed over so (a bad row must not fail the others);
   * only when even that fails (the queue away too) does the batch fail and retry as a whole.
   */
  private async checkBatch({ roundId, dossiers }: CheckDossiersPayload): Promise<BatchOutcome> {
    const alone: CheckTarget[] = [];
    try {
      const loaded = await this.checks.loadInputs(roundId, dossiers);
      const judged: JudgedDossier[] = [];
      const asOf = new Date();
      for (const { certNo, inputsVersion } of dossiers) {
        const input = loaded.get(certNo);
        if (!input) continue;
        try {
          judged.push({
            loaded: input,
            inputsVersion,
            outcome: runChecks({ ...input.input, asOf }),
          });
        } catch (error) {
          this.logger.warn(
            `Check of ${roundId}/${certNo} failed in its batch, queued alone: ${(error as Error).message}`,
          );
          alone.push({ roundId, certNo, inputsVersion });
        }
      }
      const { saved, busy } = await this.checks.saveResultsMany(judged);
      let savedAlone = 0;
      // Held by another transaction: saved one by one, waiting for each.
      for (const { loaded: input, inputsVersion, outcome } of busy) {
        if (await this.checks.saveResults(input, inputsVersion, outcome)) savedAlone++;
      }
      await this.queue.queueAlone(alone);
      const judgedCount = saved.length + savedAlone;
      return {
        judged: judgedCount,
        skipped: dossiers.length - judgedCount - alone.length,
        alone: alone.length,
      };
    } catch (error) {
      this.logger.warn(
        `Checks of a batch of ${dossiers.length} dossiers of round ${roundId} failed, each queued alone: ${(error as Error).message}`,
      );
      // Whatever this attempt saved is skipped by the dossiers' own jobs (state first).
      await this.queue.queueAlone(dossiers.map((d) => ({ roundId, ...d })));
      return { judged: 0, skipped: 0, alone: dossiers.length };
    }
  }

  /**
   * A batch counts in the metrics as the dossiers it judged or found judged already (each its
   * share of the batch's seconds); the dossiers handed over count with their own jobs.
   */
  protected override workUnits(job: Job, outcome: 'completed' | 'failed'): number {
    if (job.name !== JOBS.checks.dossiers) return 1;
    const dossiers = Array.isArray(job.data?.dossiers) ? job.data.dossiers.length : 1;
    if (outcome === 'failed') return dossiers;
    const result: unknown = job.returnvalue;
    if (isBatchOutcome(result)) return result.judged + result.skipped;
    return dossiers;
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
      if (!job || job.name === JOBS.checks.recheckRound) return;
      this.logger.error(
        `Check ${job.id} failed (attempt ${job.attemptsMade}/${attemptsOf(job)}): ${error.message}`,
      );
      if (!isFinalAttempt(job)) return;
      // A batch fails for good only when its dossiers could not even be handed over: each of
      // them is listed on its own.
      const targets: CheckTarget[] =
        job.name === JOBS.checks.dossier
          ? [job.data]
          : job.data.dossiers.map((d) => ({ roundId: job.data.roundId, ...d }));
      for (let attempt = 1; ; attempt++) {
        try {
          await this.checks.markFailedMany(targets, error.message);
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

function isBatchOutcome(value: unknown): value is BatchOutcome {
  return (
    typeof value === 'object' &&
    value !== null &&
    'judged' in value &&
    'skipped' in value &&
    typeof value.judged === 'number' &&
    typeof value.skipped === 'number'
  );
}

/** Tries to record a failure: 2, 4, 8, 16, 30, 30, 30 s apart, about two minutes. */
const FAILURE_RECORD_ATTEMPTS = 8;
