import { Module } from '@nestjs/common';
import { DossierModule } from '../dossiers/dossier.module.js';
import { MasterModule } from '../masters/master.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { DeficiencyNoticeController } from './deficiency-notice.controller.js';
import { DeficiencyNoticeRepository } from './deficiency-notice.repository.js';
import { DeficiencyNoticeService } from './deficiency-notice.service.js';
import { DocumentCheckController } from './document-check.controller.js';
import { DocumentCheckRepository } from './document-check.repository.js';
import { DocumentCheckService } from './document-check.service.js';

@Module({
  imports: [DossierModule, RoundModule, MasterModule],
  controllers: [DocumentCheckController, DeficiencyNoticeController],
  providers: [
    DocumentCheckRepository,
    DocumentCheckService,
    DeficiencyNoticeRepository,
    DeficiencyNoticeService,
  ],
})
export class DocumentCheckModule {}
