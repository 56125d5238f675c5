import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  analyseEnvelopeJobId,
  type AnalyseEnvelopePayload,
  JOBS,
  QUEUES,
} from '../queues/queues.js';

/** Queues the reading of envelopes' scanned pages. */
@Injectable()
export class ScanQueueService {
  constructor(@InjectQueue(QUEUES.scans) private readonly scans: Queue<AnalyseEnvelopePayload>) {}

  /** One job per envelope, page count and applicant: the same queued twice collapses. */
  async queue(
    envelopes: { roundId: string; receiptNo: string; pages: number; certNo: string }[],
  ): Promise<number> {
    for (let start = 0; start < envelopes.length; start += 1000) {
      await this.scans.addBulk(
        envelopes.slice(start, start + 1000).map((e) => ({
          name: JOBS.scans.analyseEnvelope,
          data: { roundId: e.roundId, receiptNo: e.receiptNo },
          opts: { jobId: analyseEnvelopeJobId(e.roundId, e.receiptNo, e.pages, e.certNo) },
        })),
      );
    }
    return envelopes.length;
  }
}
