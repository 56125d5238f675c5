import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import { JOBS, QUEUES, type JobOf, type OutboxJob } from '../queues/queues.js';
import { OutboxSenderService, type SendReport } from './outbox-sender.service.js';
import { OutboxService } from './outbox.service.js';

/**
 * Sends approved batches. One batch at a time per worker process: the rate limit is the
 * process's, and a batch's messages already go four at a time to the SMTP pool.
 */
@Processor(QUEUES.outbox)
export class OutboxProcessor extends GracefulWorkerHost {
  private readonly logger = new Logger(OutboxProcessor.name);

  constructor(
    private readonly sender: OutboxSenderService,
    private readonly outbox: OutboxService,
  ) {
    super();
  }

  async process(job: JobOf<OutboxJob>): Promise<SendReport> {
    const name: string = job.name;
    if (name !== JOBS.outbox.sendBatch) {
      throw new Error(`Unknown job "${name}" on queue ${QUEUES.outbox}`);
    }
    const report = await this.sender.sendBatch(job.data.batchId);
    // The rest of the batch in a job of its own, named after where this one stopped.
    if (report.more) await this.outbox.queueSending(job.data.batchId, `after-${report.lastId}`);
    return report;
  }

  @OnWorkerEvent('failed')
  onFailed(job: JobOf<OutboxJob> | undefined, error: Error): void {
    // Its messages stay approved (or sending): the retry, or the reconciler, takes them up.
    this.logger.warn(`Outbox job ${job?.id} failed: ${error.message}`);
  }
}
