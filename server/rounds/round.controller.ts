import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
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
    return answerList(response, 'rounds', list.offset, await this.rounds.list(list));
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':id')
  get(@Param('id') id: string): Promise<RoundView> {
    return this.rounds.get(id);
  }

  /**
   * The body is the round JSON of formats.md, read whole by parseRoundSettings (as `cli round
   * load` reads its file), which names every wrong field at once, unknown fields too: a DTO
   * class would drop those before it could name them.
   */
  @Roles('admin')
  @Post()
  create(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<RoundView> {
    return this.rounds.create(body, user.login);
  }

  /** As for create; the body's `version` is the one the editor read: a stale save is 409. */
  @Roles('admin')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: SessionUser,
  ): Promise<RoundView> {
    return this.rounds.edit(id, body, user.login);
  }
}
