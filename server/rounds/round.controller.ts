import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { ROUND_SORTABLE } from './round.repository.js';
import { RoundService, RoundView } from './round.service.js';

/** Rounds under react-admin's REST contract. Everyone reads them; admins change them. */
@Controller('rounds')
export class RoundController {
  constructor(private readonly rounds: RoundService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RoundView[]> {
    const list = parseListQuery(query, {
      sortable: ROUND_SORTABLE,
      defaultSort: 'id',
      defaultOrder: 'DESC',
    });
    const { rows, total } = await this.rounds.list(list);
    response.setHeader('Content-Range', contentRange('rounds', list.offset, rows.length, total));
    return rows;
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':id')
  get(@Param('id') id: string): Promise<RoundView> {
    return this.rounds.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<RoundView> {
    return this.rounds.create(body, user.login);
  }

  /** The body's `version` is the one the editor read: a stale save is refused with 409. */
  @Roles('admin')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<RoundView> {
    const version = typeof body?.version === 'number' ? body.version : undefined;
    return this.rounds.update(id, body, version, user.login);
  }
}
