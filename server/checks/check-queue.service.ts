import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import {
  checkDossierJob,
  checkJobId,
  QUEUES,
  recheckRoundJob,
  type CheckJob,
  type QueueOf,
} from '../queues/queues.js';
import { CheckRepository, CheckTarget } from './check.repository.js';

/** Queues the checks of dossiers and waits for them. */
@Injectable()
export class CheckQueueService {
  constructor(
    @InjectQueue(QUEUES.checks) private readonly checkQueue: QueueOf<CheckJob>,
    private readonly checks: CheckRepository,
  ) {}

  /** One job per dossier and inputs version: queuing the same twice collapses into one job. */
  async queue(targets: CheckTarget[]): Promise<number> {
    for (let start = 0; start < targets.length; start += 1000) {
      await this.checkQueue.addBulk(targets.slice(start, start + 1000).map(checkDossierJob));
    }
    return targets.length;
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
   * check, and not given up at that version, gets a job for that version. A job lost (Redis
   * emptied, a worker killed between an import's commit and its queueing) is queued again; a
   * job that failed for good while its failure could not be recorded (the database away) runs
   * again from its first attempt; a job waiting, delayed or running is left alone. Returns how
   * many were queued and retried; up to `batch` dossiers a round.
   */
  async reconcile(batch = 5000): Promise<{ queued: number; retried: number }> {
    const targets = await this.checks.unchecked(batch);
    const lost: CheckTarget[] = [];
    let retried = 0;
    for (let start = 0; start < targets.length; start += 50) {
      await Promise.all(
        targets.slice(start, start + 50).map(async (target) => {
          const id = checkJobId(target.roundId, target.certNo, target.inputsVersion);
          // One call for the usual answer (waiting, active, delayed): the job is in hand.
          const state = await this.checkQueue.getJobState(id);
          if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return;
          const job = await this.checkQueue.getJob(id);
          if (!job) return void lost.push(target);
          if (state === 'failed') {
            await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
            retried++;
          } else {
            // Finished without judging this version (a database restored from a backup), or
            // left half-written by a crash: it would block a new job of the same id.
            await job.remove();
            lost.push(target);
          }
        }),
      );
    }
    await this.queue(lost);
    await this.scheduleDeadlines();
    return { queued: lost.length, retried };
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
    else if (!job) await this.queue([{ roundId, certNo, inputsVersion: failed.inputsVersion }]);
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
