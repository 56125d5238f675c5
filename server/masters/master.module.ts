import { Module } from '@nestjs/common';
import { MasterController } from './master.controller.js';
import { MasterRepository } from './master.repository.js';

@Module({
  controllers: [MasterController],
  providers: [MasterRepository],
  exports: [MasterRepository],
})
export class MasterModule {}
