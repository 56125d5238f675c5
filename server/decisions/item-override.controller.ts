import { Body, Controller, Delete, Get, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import type { ItemOverrideRow } from './decision.views.js';
import { ItemOverrideService } from './item-override.service.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/** Accepting or rejecting single cases and attendances (reviewers: their own dossiers). */
@Roles('admin', 'secretariat', 'reviewer')
@Controller('dossiers/:id/overrides')
export class ItemOverrideController {
  constructor(private readonly overrides: ItemOverrideService) {}

  @Get()
  list(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
  ): Promise<ItemOverrideRow[]> {
    return this.overrides.list(id, user, request.ip ?? null);
  }

  /**
   * Body: ItemOverrideDto (`{ ref: "case:1-7" | "attendance:3", accepted, reason, expected? }`),
   * read by the service so its ref is judged in the same answer; `expected` is the override the
   * caller saw (null: none, or its decidedAt): 409 when another was saved meanwhile.
   */
  @Put()
  set(
    @NumericParam() id: string,
    @Body() body: unknown,
    @CurrentUser() user: SessionUser,
  ): Promise<ItemOverrideRow> {
    return this.overrides.set(id, body, user);
  }

  @Delete()
  remove(
    @NumericParam() id: string,
    @Query('ref') ref: string,
    @Query('expected') expected: string | undefined,
    @CurrentUser() user: SessionUser,
  ): Promise<ItemOverrideRow> {
    return this.overrides.remove(id, String(ref ?? ''), user, expected);
  }
}
