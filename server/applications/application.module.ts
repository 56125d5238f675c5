import { Module } from '@nestjs/common';
import { RoundModule } from '../rounds/round.module.js';
import { ApplicationRepository } from './application.repository.js';
import { ApplicationService } from './application.service.js';

@Module({
  imports: [RoundModule],
  providers: [ApplicationRepository, ApplicationService],
  exports: [ApplicationService],
})
export class ApplicationModule {}
