import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  attemptsOf,
  isFinalAttempt,
  JOBS,
  QUEUES,
  type ImportJob,
  type JobOf,
} from '../queues/queues.js';
import { ImportRepository } from './import.repository.js';
import { ImportService } from './import.service.js';

/** Runs the imports uploaded in the console, reporting progress on the import's row. */
@Processor(QUEUES.imports)
export class ImportProcessor extends GracefulWorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    private readonly importService: ImportService,
    private readonly imports: ImportRepository,
  ) {
    super();
  }

  async process(job: JobOf<ImportJob>): Promise<{ exitCode: number } | { skipped: true }> {
    const name: string = job.name;
    if (name !== JOBS.imports.run)
      throw new Error(`Unknown job "${name}" on queue ${QUEUES.imports}`);
    const run = await this.imports.findRun(job.data.importId);
    // A duplicate or a retry after the import ended does nothing.
    if (!run || run.status === 'done' || run.status === 'rejected') return { skipped: true };
    const uploadDir = join(this.importService.workDirOf(run.id), 'upload');
    const names = await readdir(uploadDir).catch(() => null);
    if (!names) {
      await this.imports.markFailedIfUnfinished(
        run.id,
        'アップロードされたファイルが残っていないため取り込めませんでした。もう一度アップロードしてください',
      );
      return { skipped: true };
    }
    const zips = names.filter((n) => n.toLowerCase().endsWith('.zip'));
    const source = zips.length === 1 && names.length === 1 ? join(uploadDir, zips[0]) : uploadDir;
    let lastWrite = 0;
    const { report } = await this.importService.run({
      roundId: run.roundId,
      source,
      sourceName: run.sourceName,
      requestedBy: run.requestedBy,
      importId: run.id,
      onProgress: async (progress) => {
        // Progress is for a person watching: a write a few times a second is plenty.
        if (Date.now() - lastWrite < 300 && progress.phase === 'reading') return;
        lastWrite = Date.now();
        await this.imports.updateRun(run.id, { progress });
        await job.updateProgress({ ...progress });
      },
    });
    await rm(this.importService.workDirOf(run.id), { recursive: true, force: true });
    return { exitCode: report.exitCode };
  }

  /**
   * An import that failed for good is marked so (unless ImportService did already) and keeps
   * nothing of its upload. One whose worker was lost too often (stalled) stays as it is, upload
   * and all, for the reconciler, which takes it up again a few times. Never throws: a failure
   * handler that rejects would be an unhandled rejection, and an import the database could not
   * mark is found by the reconciler.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: JobOf<ImportJob> | undefined, error: Error): Promise<void> {
    try {
      this.logger.error(
        `Import job ${job?.id} failed (attempt ${job?.attemptsMade}/${job ? attemptsOf(job) : '?'}): ${error.message}`,
      );
      if (!job || !isFinalAttempt(job) || /stalled/i.test(error.message)) return;
      // The upload goes even if the mark does not: the reconciler marks an import without one.
      await rm(this.importService.workDirOf(job.data.importId), {
        recursive: true,
        force: true,
      }).catch((failure: Error) =>
        this.logger.error(
          `Upload folder of import ${job.data.importId} not removed: ${failure.message}`,
        ),
      );
      await this.imports.markFailedIfUnfinished(
        job.data.importId,
        `何度か自動で取り込み直しましたが、そのたびにエラーになりました(${error.message})。ファイルに誤りがないか確かめて「もう一度取り込む」から取り込み直してください。同じエラーが続くときは管理者に連絡してください`,
      );
    } catch (handlerError) {
      this.logger.error(
        `Could not mark import job ${job?.id} failed (the reconciler will): ${(handlerError as Error).message}`,
      );
    }
  }
}
