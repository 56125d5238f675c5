import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IMPORT_MAX_RESUMPTIONS,
  QUEUES,
  runImportJob,
  runImportJobId,
  type ImportJob,
  type QueueOf,
} from '../queues/queues.js';
import { ImportRepository } from './import.repository.js';
import { ImportService } from './import.service.js';

/** An import with no sign of life for this long is looked at (it beats every 15 s). */
export const IMPORT_STALE_SECONDS = 60;

/** Job states in which an import is in a worker's hands, or waits for one (or its backoff). */
const IN_HAND = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Imports whose worker was lost: queued or running, no sign of life for a minute, and no job
 * alive (a worker killed twice, Redis emptied, the database away when the job gave up). One
 * whose upload is still there is queued again (its rows are idempotent), at most
 * {@link IMPORT_MAX_RESUMPTIONS} times; otherwise it is marked failed with the reason, so
 * nothing stays `running` for ever.
 */
@Injectable()
export class ImportRecoveryService {
  private readonly logger = new Logger(ImportRecoveryService.name);

  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: QueueOf<ImportJob>,
    private readonly imports: ImportRepository,
    private readonly importService: ImportService,
  ) {}

  async reconcile(): Promise<{ resumed: number; failed: number }> {
    let resumed = 0;
    let failed = 0;
    for (const run of await this.imports.staleRuns(IMPORT_STALE_SECONDS)) {
      const job = await this.queue.getJob(runImportJobId(run.id, run.resumed));
      const state = job ? await job.getState() : 'missing';
      if (IN_HAND.has(state)) continue;
      const reason = !(await this.uploadKept(run.id))
        ? '取り込みを実行していたプロセスが途中で止まりました(強制終了など)。同じファイルをもう一度取り込んでください'
        : run.resumed >= IMPORT_MAX_RESUMPTIONS
          ? `取り込みが ${run.resumed + 1} 回とも途中で止まったため中止しました(ファイルが大きすぎる、サーバーのメモリ不足など)。ファイルを分けてもう一度取り込んでください`
          : null;
      if (reason) {
        if (await this.imports.markFailedIfUnfinished(run.id, reason)) {
          this.logger.warn(`Import ${run.id} left ${run.status} by a lost worker: marked failed`);
          failed++;
        }
        continue;
      }
      if (!(await this.imports.claimResumption(run.id, run.resumed))) continue;
      const next = runImportJob(run.id, run.resumed + 1);
      await this.queue.add(next.name, next.data, next.opts);
      this.logger.warn(
        `Import ${run.id} left ${run.status} by a lost worker (job ${state}): queued again (${run.resumed + 1}/${IMPORT_MAX_RESUMPTIONS})`,
      );
      resumed++;
    }
    return { resumed, failed };
  }

  private async uploadKept(importId: string): Promise<boolean> {
    return access(join(this.importService.workDirOf(importId), 'upload')).then(
      () => true,
      () => false,
    );
  }
}
