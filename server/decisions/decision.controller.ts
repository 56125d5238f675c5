import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DECISION_REASONS, type CheckSummary } from './decision-rules.js';
import { DecisionService } from './decision.service.js';
import { DecisionDto } from './dto/decision.dto.js';
import { HoldDto } from './dto/hold.dto.js';
import { ReleaseDto } from './dto/release.dto.js';
import type { DecisionRow, ReleasePreview } from './decision.views.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/**
 * Decisions: reviewers decide the dossiers assigned to them, the secretariat and admins any;
 * admins (the committee's chair) release them.
 */
@Controller()
export class DecisionController {
  constructor(private readonly decisions: DecisionService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get('decision-reasons')
  reasons() {
    return DECISION_REASONS;
  }

  /** The dossier's decisions, newest first (the first is the current one). */
  @Roles('admin', 'secretariat', 'reviewer')
  @Get('dossiers/:id/decisions')
  history(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
  ): Promise<DecisionRow[]> {
    return this.decisions.history(id, user, request.ip ?? null);
  }

  /** What stands against 合格 now (the console warns before recording it). */
  @Roles('admin', 'secretariat', 'reviewer')
  @Get('dossiers/:id/decision-warnings')
  warnings(@NumericParam() id: string, @CurrentUser() user: SessionUser): Promise<CheckSummary[]> {
    return this.decisions.warnings(id, user);
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Post('dossiers/:id/decisions')
  decide(@NumericParam() id: string, @Body() body: DecisionDto, @CurrentUser() user: SessionUser) {
    return this.decisions.decide(id, body, user);
  }

  /** Bulk 保留 of the dossiers chosen in the list. */
  @Roles('admin', 'secretariat', 'reviewer')
  @Post('decisions/hold')
  @HttpCode(200)
  hold(@Body() body: HoldDto, @CurrentUser() user: SessionUser) {
    return this.decisions.holdMany(body, user);
  }

  @Roles('admin')
  @Post('decisions/release')
  @HttpCode(200)
  release(@Body() body: ReleaseDto, @CurrentUser() user: SessionUser) {
    return this.decisions.release(body, user);
  }

  /** What the same release would release now (counts, who decided, rules overridden). */
  @Roles('admin')
  @Post('decisions/release/preview')
  @HttpCode(200)
  previewRelease(@Body() body: ReleaseDto): Promise<ReleasePreview> {
    return this.decisions.previewRelease(body);
  }

  /** How many decisions of the round wait for release, by decision. */
  @Roles('admin', 'secretariat')
  @Get('decisions/pending')
  pending(@Query('roundId') roundId: string): Promise<Record<string, number>> {
    return this.decisions.pendingRelease(String(roundId ?? ''));
  }
}
