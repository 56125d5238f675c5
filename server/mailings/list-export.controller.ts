import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { ExportRequestDto } from './dto/export-request.dto.js';
import { ListExportService } from './list-export.service.js';
import type { ListExportRow } from './mailing.views.js';
import { sendFile } from './send-file.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/**
 * Exports run by the workers (react-admin resource `exports`): asked for with
 * `POST /api/rounds/:roundId/exports`, followed by their progress, downloaded when done.
 */
@Controller()
export class ListExportController {
  constructor(private readonly exports: ListExportService) {}

  @Roles('admin', 'secretariat')
  @Post('rounds/:roundId/exports')
  @HttpCode(202)
  request(
    @Param('roundId') roundId: string,
    @Body() body: ExportRequestDto,
    @CurrentUser() user: SessionUser,
  ): Promise<ListExportRow> {
    return this.exports.request(roundId, body, user.login);
  }

  @Roles('admin', 'secretariat')
  @Get('exports')
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ListExportRow[]> {
    const list = parseListQuery(query, { sortable: ['requestedAt'], defaultSort: 'requestedAt' });
    return answerList(response, 'exports', list.offset, await this.exports.list(list));
  }

  @Roles('admin', 'secretariat')
  @Get('exports/:id')
  get(@Param('id') id: string): Promise<ListExportRow> {
    return this.exports.get(id);
  }

  /** File 0 is the list (or the letters), file 1 the change notices after the cut-off (CSV). */
  @Roles('admin', 'secretariat')
  @Get('exports/:id/files/:part')
  async download(
    @Param('id') id: string,
    @NumericParam('part', { min: 0 }) part: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { path, name, row } = await this.exports.file(id, Number(part), {
      login: user.login,
      ip: request.ip ?? null,
    });
    await sendFile(response, path, name, row.encoding, row);
  }
}
