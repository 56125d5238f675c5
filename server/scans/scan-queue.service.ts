import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { analyseEnvelopeJob, QUEUES, type QueueOf, type ScanJob } from '../queues/queues.js';
import { READER_VERSION } from './reading/version.js';
import type { EnvelopeToRead } from './scan-reading.views.js';
import { ScanRepository } from './scan.repository.js';

/** Queues the reading of envelopes' scanned pages, and waits for it. */
@Injectable()
export class ScanQueueService {
  constructor(
    @InjectQueue(QUEUES.scans) private readonly scanQueue: QueueOf<ScanJob>,
    private readonly scans: ScanRepository,
  ) {}

  /** One job per envelope, files, reader and applicant: the same queued twice collapses. */
  async queue(envelopes: EnvelopeToRead[]): Promise<number> {
    for (let start = 0; start < envelopes.length; start += 1000) {
      await this.scanQueue.addBulk(
        envelopes.slice(start, start + 1000).map((e) => analyseEnvelopeJob(e, READER_VERSION)),
      );
    }
    return envelopes.length;
  }

  /** Queues the reading of these envelopes of the round (those that hold scans). */
  async queueEnvelopes(roundId: string, receiptNos: string[]): Promise<EnvelopeToRead[]> {
    const envelopes = await this.scans.scannedEnvelopes(roundId, receiptNos);
    await this.queue(envelopes);
    return envelopes;
  }

  /**
   * Queues every envelope not read as it is now (never read, changed since, or read by an
   * earlier reader), a batch at a time: what a lost job or a crash left undone is found here.
   */
  async queueUnread(batch = 5000): Promise<number> {
    const unread = await this.scans.unreadEnvelopes(READER_VERSION, batch);
    return this.queue(unread);
  }

  /**
   * Resolves once each envelope was read as it is now (or its reading gave up after its
   * retries, which leaves it listed unread). Reads the envelopes' bookkeeping, so it works
   * whichever process runs the workers.
   */
  async waitFor(
    envelopes: EnvelopeToRead[],
    options: { pollMs?: number; timeoutMs?: number; onProgress?: (waiting: number) => void } = {},
  ): Promise<{ failed: number }> {
    const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const waiting = await this.scans.notYetRead(envelopes, READER_VERSION);
      const failed = await this.failedOf(envelopes.filter((e) => waiting.includes(e.receiptNo)));
      options.onProgress?.(waiting.length - failed);
      if (waiting.length - failed === 0) return { failed };
      if (Date.now() > deadline) {
        throw new Error(`${waiting.length} envelopes still unread after ${options.timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  }

  /** How many of these envelopes' reading jobs failed for good. */
  private async failedOf(envelopes: EnvelopeToRead[]): Promise<number> {
    let failed = 0;
    for (const e of envelopes) {
      const job = await this.scanQueue.getJob(analyseEnvelopeJob(e, READER_VERSION).opts.jobId!);
      if (job && (await job.isFailed())) failed++;
    }
    return failed;
  }
}
