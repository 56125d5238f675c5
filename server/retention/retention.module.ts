import { Module } from '@nestjs/common';
import { CaseRetentionRepository } from './case-retention.repository.js';
import { CaseRetentionService } from './case-retention.service.js';

/** How long patients' data is kept, and its purge (the CLI's `retention`). */
@Module({
  providers: [CaseRetentionRepository, CaseRetentionService],
  exports: [CaseRetentionService],
})
export class RetentionModule {}
