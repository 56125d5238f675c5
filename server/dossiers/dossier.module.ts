import { Module } from '@nestjs/common';
import { AssignmentModule } from '../assignments/assignment.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { DossierRepository } from './dossier.repository.js';
import { ApplicationsReportService } from './applications-report.service.js';
import { DossierController } from './dossier.controller.js';
import { DossierService } from './dossier.service.js';

@Module({
  imports: [RoundModule, AssignmentModule],
  controllers: [DossierController],
  providers: [DossierRepository, ApplicationsReportService, DossierService],
  exports: [ApplicationsReportService, DossierRepository, DossierService],
})
export class DossierModule {}
