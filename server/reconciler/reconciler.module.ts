import { Module } from '@nestjs/common';
import { ReconcilerService } from './reconciler.service.js';

/**
 * The workers' reconciler (worker processes only: not the API, nor a command line waiting for
 * its own import). It reads the services of the checks, imports and scans, which are global.
 */
@Module({ providers: [ReconcilerService], exports: [ReconcilerService] })
export class ReconcilerModule {}
