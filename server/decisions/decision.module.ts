import { Module } from '@nestjs/common';
import { ApplicationModule } from '../applications/application.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { DecisionController } from './decision.controller.js';
import { DecisionRepository } from './decision.repository.js';
import { DecisionService } from './decision.service.js';

@Module({
  imports: [ApplicationModule, RoundModule],
  controllers: [DecisionController],
  providers: [DecisionRepository, DecisionService],
  exports: [DecisionService],
})
export class DecisionModule {}
