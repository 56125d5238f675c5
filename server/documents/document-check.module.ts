import { Module } from '@nestjs/common';
import { ApplicationModule } from '../applications/application.module.js';
import { DocumentCheckController } from './document-check.controller.js';
import { DocumentCheckRepository } from './document-check.repository.js';
import { DocumentCheckService } from './document-check.service.js';

@Module({
  imports: [ApplicationModule],
  controllers: [DocumentCheckController],
  providers: [DocumentCheckRepository, DocumentCheckService],
})
export class DocumentCheckModule {}
