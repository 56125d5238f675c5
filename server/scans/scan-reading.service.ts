import { Injectable, Logger } from '@nestjs/common';
import { ocrPageSeconds } from '../metrics/metrics.js';
import { readFile } from 'node:fs/promises';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { CheckRepository } from '../checks/check.repository.js';
import { OcrPoolService } from './ocr-pool.service.js';
import { displayRendition, openScan } from './reading/page-images.js';
import { readPage, type ReadPage } from './reading/page-reader.js';
import { READER_VERSION } from './reading/version.js';
import type { EnvelopeFile, ScanPageRow } from './scan-reading.views.js';
import { ScanRepository } from './scan.repository.js';
import { ScanStore, type StoredScan } from './scan-store.js';

/** What reading an envelope did. */
export interface EnvelopeRead {
  /** Already read as it is, by this reader: nothing done. */
  skipped: boolean;
  pages: number;
  unread: number;
}

/**
 * Reads every page of an envelope as a careful clerk would look at it: each file opened
 * whatever the scanner wrote (PDF, PNG, JPEG, TIFF), each page turned upright and read in
 * Japanese, classified by what it shows and, on a cover or a case sheet, its seal looked for;
 * kept with a display rendition. A file or page that cannot be read is kept with the reason.
 * The applicant's checks then run again: they propose each document's finding from the pages.
 * A lost reading is found again by the reconciler (server/reconciler/).
 */
@Injectable()
export class ScanReadingService {
  private readonly logger = new Logger(ScanReadingService.name);

  constructor(
    private readonly scans: ScanRepository,
    private readonly store: ScanStore,
    private readonly ocr: OcrPoolService,
    private readonly checkQueue: CheckQueueService,
    private readonly checks: CheckRepository,
  ) {}

  async readEnvelope(roundId: string, receiptNo: string): Promise<EnvelopeRead> {
    const { files, filesKey, names, certNo } = await this.scans.filesOf(roundId, receiptNo);
    const last = await this.scans.readingOf(roundId, receiptNo);
    if (
      last &&
      last.filesKey === filesKey &&
      last.certNo === certNo &&
      last.readerVersion === READER_VERSION
    ) {
      return { skipped: true, pages: 0, unread: 0 };
    }
    // A proof may print the current or the former family name with the given name.
    const expected = names
      ? [names.family + names.given, ...(names.former ? [names.former + names.given] : [])]
      : [];
    const pages: ScanPageRow[] = [];
    const displays: StoredScan[] = [];
    const started = Date.now();
    for (const file of files) {
      await this.readFile(file, receiptNo, expected, pages, displays);
    }
    // The applicant's checks propose each document's finding from these pages.
    const recheck = await this.scans.saveReading(
      roundId,
      receiptNo,
      { filesKey, readerVersion: READER_VERSION, certNo, pages, displays },
      (tx) => (certNo ? this.checks.bumpInputs(roundId, [certNo], [], tx) : Promise.resolve([])),
    );
    await this.checkQueue.queue(recheck);
    const unread = pages.filter((p) => p.kind === 'unread').length;
    this.logger.log(
      `Read ${pages.length} pages of ${roundId} ${receiptNo} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (unread ? ` (${unread} unread)` : ''),
    );
    return { skipped: false, pages: pages.length, unread };
  }

  /** Adds the pages of one file to `pages`, numbered on from those before it. */
  private async readFile(
    file: EnvelopeFile,
    receiptNo: string,
    names: string[],
    pages: ScanPageRow[],
    displays: StoredScan[],
  ): Promise<void> {
    const unreadPage = (filePage: number, reason: string) =>
      pages.push(unreadRow(pages.length + 1, file, filePage, reason));
    const bytes = await readFile(this.store.pathOf(file.sha256, file.mediaType));
    const opened = await openScan(bytes, file.mediaType);
    if ('unread' in opened) {
      unreadPage(1, opened.unread);
      return;
    }
    try {
      for (let index = 0; index < opened.pageCount; index++) {
        const pageNo = pages.length + 1;
        let image;
        try {
          image = await opened.page(index);
        } catch (error) {
          // One broken page of a file: the others are still read.
          unreadPage(
            index + 1,
            `${index + 1} ページ目を画像にできません(${(error as Error).message})。元のファイルを開いて確認してください`,
          );
          continue;
        }
        const pool = await this.ocr.pool();
        const endPage = ocrPageSeconds.startTimer();
        const { page, upright } = await readPage(pool, image, `${receiptNo}-${pageNo}`, { names });
        endPage();
        const display = await this.store.putBytes(await displayRendition(upright), 'image/png');
        displays.push(display);
        pages.push(readRow(pageNo, file, index + 1, page, display.sha256));
      }
    } finally {
      await opened.close();
    }
  }
}

function readRow(
  pageNo: number,
  file: EnvelopeFile,
  filePage: number,
  page: ReadPage,
  displaySha256: string,
): ScanPageRow {
  const { text } = page;
  return {
    pageNo,
    fileName: file.fileName,
    filePage,
    sha256: file.sha256,
    displaySha256,
    width: text.width,
    height: text.height,
    kind: page.kind,
    number: page.number,
    proofKind: page.proofKind,
    confidence: page.confidence,
    cues: page.cues,
    orientation: text.orientation,
    skew: text.skew,
    text: text.text,
    textConfidence: text.confidence / 100,
    lines: text.lines.map((l) => ({ text: l.text, confidence: l.confidence, box: l.box })),
    words: text.lines.map((l) => l.words),
    seal: page.seal,
    unreadReason: null,
  };
}

function unreadRow(
  pageNo: number,
  file: EnvelopeFile,
  filePage: number,
  reason: string,
): ScanPageRow {
  return {
    pageNo,
    fileName: file.fileName,
    filePage,
    sha256: file.sha256,
    displaySha256: null,
    width: null,
    height: null,
    kind: 'unread',
    number: null,
    proofKind: null,
    confidence: null,
    cues: [],
    orientation: null,
    skew: null,
    text: '',
    textConfidence: null,
    lines: [],
    words: [],
    seal: null,
    unreadReason: reason,
  };
}
