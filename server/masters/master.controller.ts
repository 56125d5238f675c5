import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ObjectLiteral } from 'typeorm';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import type { MasterKind } from './master.repository.js';
import { MasterService } from './master.service.js';

type ListResult = Promise<ObjectLiteral[]>;

/** The board's master data, read only (it changes by import), for every signed-in role. */
@Controller()
export class MasterController {
  constructor(private readonly masters: MasterService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get('societies')
  societies(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): ListResult {
    return this.list('societies', query, res);
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Get('meetings')
  meetings(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): ListResult {
    return this.list('meetings', query, res);
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Get('facilities')
  facilities(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): ListResult {
    return this.list('facilities', query, res);
  }

  private async list(
    kind: MasterKind,
    query: Record<string, unknown>,
    response: Response,
  ): ListResult {
    const list = this.masters.queryOf(kind, query);
    return answerList(response, kind, list.offset, await this.masters.list(kind, list));
  }
}
