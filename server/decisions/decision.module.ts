import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { DossierModule } from '../dossiers/dossier.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { DecisionController } from './decision.controller.js';
import { DecisionRepository } from './decision.repository.js';
import { DecisionService } from './decision.service.js';
import { ItemOverrideController } from './item-override.controller.js';
import { ItemOverrideRepository } from './item-override.repository.js';
import { ItemOverrideService } from './item-override.service.js';

@Module({
  imports: [DashboardModule, DossierModule, RoundModule],
  controllers: [DecisionController, ItemOverrideController],
  providers: [DecisionRepository, DecisionService, ItemOverrideRepository, ItemOverrideService],
  exports: [DecisionService],
})
export class DecisionModule {}
