import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { analyseEnvelopeJob, QUEUES, type QueueOf, type ScanJob } from '../queues/queues.js';

/** Queues the reading of envelopes' scanned pages. */
@Injectable()
export class ScanQueueService {
  constructor(@InjectQueue(QUEUES.scans) private readonly scans: QueueOf<ScanJob>) {}

  /** One job per envelope, page count and applicant: the same queued twice collapses. */
  async queue(
    envelopes: { roundId: string; receiptNo: string; pages: number; certNo: string }[],
  ): Promise<number> {
    for (let start = 0; start < envelopes.length; start += 1000) {
      await this.scans.addBulk(envelopes.slice(start, start + 1000).map(analyseEnvelopeJob));
    }
    return envelopes.length;
  }
}
