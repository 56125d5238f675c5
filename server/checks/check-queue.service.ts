import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  checkDossierJob,
  checkDossiersJob,
  checkJobId,
  QUEUES,
  recheckRoundJob,
  type CheckJob,
  type NewJob,
  type QueueOf,
} from '../queues/queues.js';
import { CheckRepository, CheckTarget } from './check.repository.js';

/** Queues the checks of dossiers and waits for them. */
@Injectable()
export class CheckQueueService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.checks) private readonly checkQueue: QueueOf<CheckJob>,
    private readonly checks: CheckRepository,
  ) {}

  /**
   * Queues the checks of these dossiers: a job per batch of up to CHECK_BATCH_SIZE dossiers
   * of a round, in 認定番号 order, a lone dossier as its own job. Job ids come from the
   * dossiers and their inputs versions, so queuing the same twice collapses into one job.
   */
  async queue(targets: CheckTarget[]): Promise<number> {
    await this.add(checkJobsOf(targets, this.config.checkBatchSize));
    return targets.length;
  }

  /** Checks each of these dossiers in a job of its own (retried, and given up, on its own). */
  async queueAlone(targets: readonly CheckTarget[]): Promise<void> {
    await this.add(targets.map(checkDossierJob));
  }

  private async add(jobs: NewJob<CheckJob>[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += 1000) {
      await this.checkQueue.addBulk(jobs.slice(start, start + 1000));
    }
  }

  /**
   * Judges these dossiers again: something they read changed outside an import (an override, a
   * document checked, an envelope, a payment entered, a decision released).
   */
  async requeue(roundId: string, certNos: readonly string[]): Promise<number> {
    const known = [...new Set(certNos.filter(Boolean))];
    if (known.length === 0) return 0;
    return this.queue(await this.checks.bumpInputs(roundId, known));
  }

  /** Judges every dossier of a round again (its settings changed, or a deadline passed). */
  async requeueRound(roundId: string): Promise<number> {
    return this.queue(await this.checks.bumpInputs(roundId, null));
  }

  /**
   * Schedules a re-check of each round just after each of its deadlines still to come, when
   * outcomes that were pending become final. Ids from round and deadline: scheduling twice
   * changes nothing.
   */
  async scheduleDeadlines(now = Date.now()): Promise<number> {
    let scheduled = 0;
    for (const round of await this.checks.roundDeadlines()) {
      for (const name of [
        'reviewFeeDeadline',
        'elearningDeadline',
        'registrationDeadline',
      ] as const) {
        const at = new Date(round[name]).getTime() + 1000;
        if (at <= now) continue;
        const job = recheckRoundJob(round.id, name, at, now);
        await this.checkQueue.add(job.name, job.data, job.opts);
        scheduled++;
      }
    }
    return scheduled;
  }

  /**
   * What the reconciler does for the checks: every dossier whose inputs are ahead of its last
   * check, and not given up at that version, gets a job for that version. The jobs waiting,
   * delayed or running are read first: a dossier in one of them is left alone. For each other
   * dossier, a job of its own that failed for good while its failure could not be recorded (the
   * database away) runs again from its first attempt; the rest (a job lost with Redis emptied,
   * a worker killed between an import's commit and its queueing, a batch that failed for good
   * unrecorded) are queued again in batches. Returns how many were queued and retried; up to
   * `batch` dossiers a round.
   */
  async reconcile(batch = 5000): Promise<{ queued: number; retried: number }> {
    const targets = await this.checks.unchecked(batch);
    let queued = 0;
    let retried = 0;
    if (targets.length > 0) {
      const inHand = await this.dossiersInLiveJobs();
      const notInHand = targets.filter((t) => !inHand.has(targetKey(t)));
      const lost: CheckTarget[] = [];
      for (let start = 0; start < notInHand.length; start += 50) {
        await Promise.all(
          notInHand.slice(start, start + 50).map(async (target) => {
            const id = checkJobId(target.roundId, target.certNo, target.inputsVersion);
            const found = await this.retryOrClear(id);
            if (found === 'retried') retried++;
            else if (found === 'free') lost.push(target);
          }),
        );
      }
      for (const job of checkJobsOf(lost, this.config.checkBatchSize)) {
        // A live job of the same id takes the addition in (it collapses into it).
        if ((await this.retryOrClear(job.opts.jobId!)) !== 'retried') {
          await this.checkQueue.add(job.name, job.data, job.opts);
        }
      }
      queued = lost.length;
    }
    await this.scheduleDeadlines();
    return { queued, retried };
  }

  /**
   * The job of this id, as the reconciler finds it: failed for good while its failure could
   * not be recorded, it runs again from its first attempt (`retried`); finished without having
   * judged (a database restored from a backup) or left half-written by a crash, it is removed,
   * as it would block a new job of the same id (`free`, as when there is none); else `live`.
   */
  private async retryOrClear(id: string): Promise<'retried' | 'free' | 'live'> {
    const state = await this.checkQueue.getJobState(id);
    if (state === 'unknown') return 'free';
    const job = await this.checkQueue.getJob(id);
    if (!job) return 'free';
    if (state === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'retried';
    }
    if (state !== 'completed') return 'live';
    await job.remove();
    return 'free';
  }

  /** Every dossier at a version that a job waiting, delayed or running will judge. */
  private async dossiersInLiveJobs(): Promise<Set<string>> {
    // 'waiting' includes the jobs of a paused queue.
    const jobs = await this.checkQueue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    const keys = new Set<string>();
    for (const { data } of jobs) {
      if ('certNo' in data) keys.add(targetKey(data));
      if ('dossiers' in data) {
        for (const d of data.dossiers) keys.add(targetKey({ roundId: data.roundId, ...d }));
      }
    }
    return keys;
  }

  /** Dossiers whose checks failed after every retry. */
  failures(roundId: string | null) {
    return this.checks.failures(roundId);
  }

  /** Runs a failed check again: the same job when BullMQ still holds it, else a new one. */
  async retry(roundId: string, certNo: string): Promise<boolean> {
    const failed = (await this.checks.failures(roundId)).find((f) => f.certNo === certNo);
    if (!failed) return false;
    const id = checkJobId(roundId, certNo, failed.inputsVersion);
    const job = await this.checkQueue.getJob(id);
    if (job && (await job.isFailed())) await job.retry('failed');
    else if (!job)
      await this.queueAlone([{ roundId, certNo, inputsVersion: failed.inputsVersion }]);
    return true;
  }

  /** These dossiers at their inputs version now (for waiting on checks queued by others). */
  currentTargets(roundId: string, certNos: readonly string[]): Promise<CheckTarget[]> {
    return this.checks.currentTargets(roundId, [...new Set(certNos.filter(Boolean))]);
  }

  /**
   * Resolves once every target was judged at its version (or gave up after its retries).
   * Reads the dossiers' bookkeeping, so it works whichever process runs the workers.
   */
  async waitFor(
    targets: CheckTarget[],
    options: { pollMs?: number; timeoutMs?: number; onProgress?: (waiting: number) => void } = {},
  ): Promise<{ failed: number }> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const { waiting, failed } = await this.checks.outstanding(targets);
      options.onProgress?.(waiting);
      if (waiting === 0) return { failed };
      if (Date.now() > deadline) {
        throw new Error(`${waiting} checks still waiting after ${options.timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
  }
}

function targetKey(target: CheckTarget): string {
  return `${target.roundId}\u0000${target.certNo}\u0000${target.inputsVersion}`;
}

/**
 * The jobs that check these dossiers: each dossier once, at the highest version asked for, in
 * batches of one round in 認定番号 order (the same dossiers and versions make the same batches);
 * a batch of one is the dossier's own job.
 */
export function checkJobsOf(
  targets: readonly CheckTarget[],
  batchSize: number,
): NewJob<CheckJob>[] {
  const byRound = new Map<string, Map<string, number>>();
  for (const { roundId, certNo, inputsVersion } of targets) {
    const round = byRound.get(roundId) ?? new Map<string, number>();
    byRound.set(roundId, round);
    round.set(certNo, Math.max(inputsVersion, round.get(certNo) ?? 0));
  }
  const jobs: NewJob<CheckJob>[] = [];
  for (const [roundId, round] of [...byRound].sort(([a], [b]) => compare(a, b))) {
    const dossiers = [...round]
      .sort(([a], [b]) => compare(a, b))
      .map(([certNo, inputsVersion]) => ({ certNo, inputsVersion }));
    for (let start = 0; start < dossiers.length; start += batchSize) {
      const slice = dossiers.slice(start, start + batchSize);
      jobs.push(
        slice.length === 1
          ? checkDossierJob({ roundId, ...slice[0] })
          : checkDossiersJob(roundId, slice),
      );
    }
  }
  return jobs;
}

/** Code-point order: the same everywhere, whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
