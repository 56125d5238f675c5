import { DynamicModule, Module } from '@nestjs/common';
import { MasterModule } from '../masters/master.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { CertificateService } from './certificate.service.js';
import { DispatchRecordController } from './dispatch-record.controller.js';
import { DispatchRecordService } from './dispatch-record.service.js';
import { MailingListController } from './mailing-list.controller.js';
import { DispatchRepository } from './dispatch.repository.js';
import { ListExportController } from './list-export.controller.js';
import { ListExportProcessor } from './list-export.processor.js';
import { ListExportRepository } from './list-export.repository.js';
import { ListExportService } from './list-export.service.js';
import { MailingListService } from './mailing-list.service.js';

@Module({})
export class MailingModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: MailingModule,
      imports: [RoundModule, MasterModule],
      controllers: [MailingListController, DispatchRecordController, ListExportController],
      providers: [
        DispatchRepository,
        CertificateService,
        MailingListService,
        DispatchRecordService,
        ListExportRepository,
        ListExportService,
        ...(options.workers ? [ListExportProcessor] : []),
      ],
      exports: [MailingListService],
    };
  }
}
