import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CheckDossierPayload, checkJobId, JOBS, QUEUES } from '../queues/queues.js';
import { CheckRepository, CheckTarget } from './check.repository.js';

/** Queues the checks of dossiers and waits for them. */
@Injectable()
export class CheckQueueService {
  constructor(
    @InjectQueue(QUEUES.checks) private readonly checkQueue: Queue<CheckDossierPayload>,
    private readonly checks: CheckRepository,
  ) {}

  /** One job per dossier and inputs version: queuing the same twice collapses into one job. */
  async queue(targets: CheckTarget[]): Promise<number> {
    for (let start = 0; start < targets.length; start += 1000) {
      await this.checkQueue.addBulk(
        targets.slice(start, start + 1000).map((t) => ({
          name: JOBS.checks.dossier,
          data: { roundId: t.roundId, certNo: t.certNo, inputsVersion: t.inputsVersion },
          opts: { jobId: checkJobId(t.roundId, t.certNo, t.inputsVersion) },
        })),
      );
    }
    return targets.length;
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
