import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import { isFinalAttempt, JOBS, QUEUES, type ExportJob, type JobOf } from '../queues/queues.js';
import { ListExportService } from './list-export.service.js';

/** Writes the exports asked for in the console, reporting progress on the export's row. */
@Processor(QUEUES.exports)
export class ListExportProcessor extends GracefulWorkerHost {
  private readonly logger = new Logger(ListExportProcessor.name);

  constructor(private readonly exports: ListExportService) {
    super();
  }

  async process(job: JobOf<ExportJob>): Promise<{ rows: number } | { skipped: true }> {
    const name: string = job.name;
    if (name !== JOBS.exports.run) {
      throw new Error(`Unknown job "${name}" on queue ${QUEUES.exports}`);
    }
    const done = await this.exports.run(job.data.exportId, (dossiers, total) =>
      job.updateProgress({ dossiers, total }),
    );
    return done ? { rows: done.rows ?? 0 } : { skipped: true };
  }

  @OnWorkerEvent('failed')
  async onFailed(job: JobOf<ExportJob> | undefined, error: Error): Promise<void> {
    this.logger.error(`Export job ${job?.id} failed: ${error.message}`);
    // Only the last attempt's failure is final; earlier ones are retried.
    if (job && isFinalAttempt(job)) {
      await this.exports.failed(job.data.exportId, error.message);
    }
  }
}
