import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { GracefulWorkerHost } from '../queues/graceful-worker-host.js';
import { JOBS, QUEUES, type JobOf, type ScanJob } from '../queues/queues.js';
import { ScanRepository } from './scan.repository.js';
import { extractJpegPages } from './pdf-images.js';
import { ScanQueueService } from './scan-queue.service.js';
import { ScanStore } from './scan-store.js';
import {
  decodePage,
  detectSeal,
  normalisePage,
  pageRoles,
  type PageRole,
} from './seal-detector.js';

const PDF = 'application/pdf';

const roleName = (role: PageRole) => (role.kind === 'sheet' ? `sheet:${role.sheetNo}` : role.kind);

/**
 * Reads each page of one envelope: where its seal belongs (cover, case sheet N) the detector
 * proposes found or missing with a confidence, kept for a person to confirm; a large or
 * non-PNG page is normalised for display (RGB PNG, at most 1,240 px wide). A scanned PDF first
 * gives its page images (JPEG) to the envelope as pages of their own. A page already
 * read with the same content and role is skipped, so a retry or a duplicate does no harm.
 */
@Processor(QUEUES.scans)
export class ScanAnalysisProcessor extends GracefulWorkerHost {
  private readonly logger = new Logger(ScanAnalysisProcessor.name);

  constructor(
    private readonly scans: ScanRepository,
    private readonly scanQueue: ScanQueueService,
    private readonly store: ScanStore,
  ) {
    super();
  }

  async process(job: JobOf<ScanJob>): Promise<{ analysed: number }> {
    const name: string = job.name;
    if (name !== JOBS.scans.analyseEnvelope) {
      throw new Error(`Unknown job ${name} on the scans queue`);
    }
    const { roundId, receiptNo } = job.data;
    const { pages, sheetNos } = await this.scans.pagesToAnalyse(roundId, receiptNo);
    // A scanned PDF gives its page images to the envelope (then read like any page).
    let derived = 0;
    for (const pdf of pages.filter((p) => p.mediaType === PDF)) {
      if (pdf.analysed === `${pdf.sha256}|other`) continue;
      const images = extractJpegPages(await readFile(this.store.pathOf(pdf.sha256, pdf.mediaType)));
      const stored = [];
      for (const [k, image] of images.entries()) {
        const saved = await this.store.putBytes(image, 'image/jpeg');
        stored.push({
          ...saved,
          fileName: `${pdf.fileName}#${k + 1}.jpg`,
          page: (pdf.page ?? 0) * 1000 + k + 1,
        });
      }
      await this.scans.addDerivedPages(roundId, receiptNo, stored);
      await this.scans.saveAnalysis(roundId, receiptNo, pdf, 'other', null, null);
      derived += stored.length;
    }
    if (derived > 0) {
      // The envelope has more pages now: read it again with them in place.
      await this.scanQueue.queue(await this.scans.scannedEnvelopes(roundId, [receiptNo]));
      return { analysed: 0 };
    }
    const images = pages.filter((p) => p.mediaType !== PDF);
    const roles = pageRoles(images.length, sheetNos);
    let analysed = 0;
    for (const [i, page] of images.entries()) {
      const role = roleName(roles[i]);
      if (page.analysed === `${page.sha256}|${role}`) continue;
      const image = decodePage(
        await readFile(this.store.pathOf(page.sha256, page.mediaType)),
        page.mediaType,
      );
      const finding = image && roles[i].kind !== 'other' ? detectSeal(image, roles[i]) : null;
      const normalisedBytes = image ? normalisePage(image, page.mediaType) : null;
      const normalised = normalisedBytes
        ? await this.store.putBytes(normalisedBytes, 'image/png')
        : null;
      await this.scans.saveAnalysis(
        roundId,
        receiptNo,
        page,
        finding ? role : 'other',
        finding,
        normalised,
      );
      analysed++;
    }
    if (analysed) this.logger.log(`Read ${analysed} pages of ${roundId} ${receiptNo}`);
    return { analysed };
  }
}
