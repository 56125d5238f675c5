import { DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DossierModule } from '../dossiers/dossier.module.js';
import { OcrPoolService } from './ocr-pool.service.js';
import { ScanReadingProcessor } from './scan-reading.processor.js';
import { ScanReadingService } from './scan-reading.service.js';
import { ScanQueueService } from './scan-queue.service.js';
import { ScanRepository } from './scan.repository.js';
import { ScanStore } from './scan-store.js';
import { ScanController } from './scan.controller.js';
import { ScanService } from './scan.service.js';

/** Scanned pages: stored once each, served to those who may see the dossier, and read. */
@Module({})
export class ScanModule {
  /** Global: imports, uploads and the document checks use the store and queue the reading. */
  /**
   * `workers`: read pages here. Envelopes left unread are found by the workers' reconciler
   * (server/reconciler/).
   */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: ScanModule,
      global: true,
      imports: [DossierModule],
      controllers: [ScanController],
      providers: [
        // One store of the scans in the data folder, for imports, uploads, reading and serving.
        {
          provide: ScanStore,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new ScanStore(join(config.dataDir, 'scans')),
        },
        ScanRepository,
        ScanQueueService,
        ScanService,
        OcrPoolService,
        ScanReadingService,
        ...(options.workers ? [ScanReadingProcessor] : []),
      ],
      exports: [ScanQueueService, ScanRepository, ScanStore],
    };
  }
}
