import { Controller, Get, Query } from '@nestjs/common';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DashboardService } from './dashboard.service.js';
import type { Dashboard } from './dashboard.views.js';

@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** A round's counts per stage, verdict, decision and rule, and today's work. */
  @Roles('admin', 'secretariat', 'reviewer')
  @Get()
  get(@Query('roundId') roundId: string, @CurrentUser() user: SessionUser): Promise<Dashboard> {
    return this.dashboard.get(roundId, user);
  }
}
