import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { AssignmentController } from './assignment.controller.js';
import { AssignmentRepository } from './assignment.repository.js';
import { AssignmentService } from './assignment.service.js';

@Module({
  imports: [AuthModule, DashboardModule, RoundModule],
  controllers: [AssignmentController],
  providers: [AssignmentRepository, AssignmentService],
  exports: [AssignmentService],
})
export class AssignmentModule {}
