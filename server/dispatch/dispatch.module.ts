import { Module } from '@nestjs/common';
import { MasterModule } from '../masters/master.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { DispatchController } from './dispatch.controller.js';
import { DispatchRepository } from './dispatch.repository.js';
import { DispatchService } from './dispatch.service.js';

@Module({
  imports: [RoundModule, MasterModule],
  controllers: [DispatchController],
  providers: [DispatchRepository, DispatchService],
  exports: [DispatchService],
})
export class DispatchModule {}
