import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { ApplicationModule } from '../applications/application.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { EnvelopeController } from './envelope.controller.js';
import { EnvelopeService } from './envelope.service.js';
import { MailRepository } from './mail.repository.js';
import { ScanAnalysisProcessor } from './scan-analysis.processor.js';
import { ScanQueueService } from './scan-queue.service.js';
import { ScanStore } from './scan-store.js';
import { ScanController } from './scan.controller.js';

@Module({})
export class MailModule {
  /** Global: imports queue the reading of the scans they bring. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: MailModule,
      global: true,
      imports: [
        ApplicationModule,
        RoundModule,
        // Uploaded scans land in the data folder, then move into the scan store.
        MulterModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            dest: join(config.dataDir, 'uploads'),
            limits: { fileSize: config.importMaxBytes, files: 200 },
          }),
        }),
      ],
      controllers: [EnvelopeController, ScanController],
      providers: [
        // One store of the scans in the data folder, for imports, uploads, reading and serving.
        {
          provide: ScanStore,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new ScanStore(join(config.dataDir, 'scans')),
        },
        MailRepository,
        EnvelopeService,
        ScanQueueService,
        ...(options.workers ? [ScanAnalysisProcessor] : []),
      ],
      exports: [ScanQueueService, MailRepository, ScanStore],
    };
  }
}
