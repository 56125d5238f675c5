import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OcrPool } from './reading/ocr.js';

/**
 * The OCR workers of this process (tesseract.js with its Japanese model from node_modules),
 * started when the first page is read, so a process that reads none never holds them, and
 * closed after the workers have finished their jobs.
 */
@Injectable()
export class OcrPoolService implements OnApplicationShutdown {
  private readonly logger = new Logger(OcrPoolService.name);
  private started: Promise<OcrPool> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pool(): Promise<OcrPool> {
    if (!this.started) {
      this.logger.log(`Starting ${this.config.scanReaders} OCR workers`);
      this.started = OcrPool.start({ size: this.config.scanReaders });
      // A pool that failed to start is started again by the next page.
      this.started.catch(() => (this.started = null));
    }
    return this.started;
  }

  async onApplicationShutdown(): Promise<void> {
    const started = this.started;
    this.started = null;
    if (started) await (await started.catch(() => null))?.close();
  }
}
