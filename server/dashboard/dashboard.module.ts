import { Module } from '@nestjs/common';
import { RoundModule } from '../rounds/round.module.js';
import { DashboardCacheService } from './dashboard-cache.service.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';

@Module({
  imports: [RoundModule],
  controllers: [DashboardController],
  providers: [DashboardCacheService, DashboardRepository, DashboardService],
  exports: [DashboardCacheService],
})
export class DashboardModule {}
