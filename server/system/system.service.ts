import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  pingJob,
  QUEUES,
  type PingResult,
  type QueueOf,
  type SystemJob,
} from '../queues/queues.js';

@Injectable()
export class SystemService {
  constructor(@InjectQueue(QUEUES.system) private readonly queue: QueueOf<SystemJob, PingResult>) {}

  /** Queues a ping; the same key twice is one job. */
  async queuePing(requestedBy: string, key: string = randomUUID()): Promise<string> {
    const ping = pingJob(key, { requestedBy, requestedAt: new Date().toISOString() });
    const job = await this.queue.add(ping.name, ping.data, ping.opts);
    return job.id!;
  }

  /**
   * Waits until a worker answered the job, polling its state: this works the same on both
   * backends and needs no event stream.
   */
  async awaitResult(jobId: string, timeoutMs: number): Promise<PingResult> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const job = await this.queue.getJob(jobId);
      if (!job) throw new Error(`Job ${jobId} is gone from queue ${QUEUES.system}`);
      const state = await job.getState();
      // The job read above may predate its completion: read it again for the result.
      if (state === 'completed') return (await this.queue.getJob(jobId))!.returnvalue;
      if (state === 'failed') throw new Error(`Job ${jobId} failed: ${job.failedReason}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No worker answered job ${jobId} within ${timeoutMs} ms`);
  }

  /** A cheap call that the queue backend must answer. */
  async probe(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }
}
