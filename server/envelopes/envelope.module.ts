import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { LimitedDiskStorage } from '../common/upload-storage.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DossierModule } from '../dossiers/dossier.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { EnvelopeController } from './envelope.controller.js';
import { EnvelopeRepository } from './envelope.repository.js';
import { EnvelopeService } from './envelope.service.js';

/** Incoming post (郵便受付): envelopes registered or imported, and the scans uploaded to them. */
@Module({
  imports: [
    DossierModule,
    RoundModule,
    // Uploaded scans land in the data folder, then move into the scan store.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // IMPORT_MAX_MB bounds the whole request, every file together.
        storage: new LimitedDiskStorage(join(config.dataDir, 'uploads'), config.importMaxBytes),
        limits: { files: 200 },
      }),
    }),
  ],
  controllers: [EnvelopeController],
  providers: [EnvelopeRepository, EnvelopeService],
})
export class EnvelopeModule {}
