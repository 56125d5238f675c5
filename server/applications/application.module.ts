import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignments/assignment.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { ApplicationRepository } from './application.repository.js';
import { ApplicationService } from './application.service.js';
import { DossierController } from './dossier.controller.js';
import { DossierService } from './dossier.service.js';

@Module({
  imports: [RoundModule, AssignmentModule],
  controllers: [DossierController],
  providers: [ApplicationRepository, ApplicationService, DossierService],
  exports: [ApplicationService, ApplicationRepository, DossierService],
})
export class ApplicationModule {}
