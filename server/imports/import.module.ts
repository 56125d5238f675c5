import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { LimitedDiskStorage } from '../common/upload-storage.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { ImportRunEntity } from './import-run.entity.js';
import { ImportRunService } from './import-run.service.js';
import { ImportUploadService } from './import-upload.service.js';
import { ImportController } from './import.controller.js';
import { ImportRecoveryService } from './import-recovery.service.js';
import { ImportProcessor } from './import.processor.js';
import { ImportRepository } from './import.repository.js';
import { ImportService } from './import.service.js';

@Module({})
export class ImportModule {
  /** The processor (console uploads) is registered only in processes that run workers. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: ImportModule,
      // The workers' reconciler takes up imports whose worker was lost.
      global: true,
      imports: [
        TypeOrmModule.forFeature([ImportRunEntity]),
        RoundModule,
        MulterModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // IMPORT_MAX_MB bounds the whole request, every file together.
            storage: new LimitedDiskStorage(join(config.dataDir, 'uploads'), config.importMaxBytes),
            limits: { files: 1000 },
          }),
        }),
      ],
      controllers: [ImportController],
      providers: [
        ImportRepository,
        ImportService,
        ImportRunService,
        ImportUploadService,
        ImportRecoveryService,
        ...(options.workers ? [ImportProcessor] : []),
      ],
      exports: [ImportService, ImportRecoveryService],
    };
  }
}
