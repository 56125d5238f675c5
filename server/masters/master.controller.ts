import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ObjectLiteral } from 'typeorm';
import { Roles } from '../auth/roles.decorator.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { MASTER_TABLES, MasterKind, MasterRepository } from './master.repository.js';

type ListResult = Promise<ObjectLiteral[]>;

/** The board's master data, read only (it changes by import), for every signed-in role. */
@Controller()
export class MasterController {
  constructor(private readonly masters: MasterRepository) {}

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
    const table = MASTER_TABLES[kind];
    const list = parseListQuery(query, { sortable: table.sortable, defaultSort: table.codeField });
    const [rows, total] = await this.masters.list(kind, list);
    response.setHeader('Content-Range', contentRange(kind, list.offset, rows.length, total));
    // react-admin needs one id per row: the round and the code.
    return rows.map((row) => ({ id: `${row.roundId}.${row[table.codeField]}`, ...row }));
  }
}
