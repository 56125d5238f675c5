import { Module } from '@nestjs/common';
import { ApplicationModule } from '../applications/application.module.js';
import { MailRepository } from './mail.repository.js';
import { ScanController } from './scan.controller.js';

@Module({
  imports: [ApplicationModule],
  controllers: [ScanController],
  providers: [MailRepository],
})
export class MailModule {}
