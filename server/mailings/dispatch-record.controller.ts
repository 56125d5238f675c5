import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NotFoundError } from '../common/domain-errors.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { DISPATCH_SORTABLE, DispatchRepository } from './dispatch.repository.js';
import { DispatchService } from './dispatch.service.js';
import type { DispatchRow } from './mailing.views.js';

/**
 * The mailings sent (react-admin resource `dispatches`): tracking numbers, returns. And one
 * applicant's result letter.
 */
@Controller()
export class DispatchRecordController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly records: DispatchRepository,
  ) {}

  @Roles('admin', 'secretariat')
  @Get('dispatches')
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DispatchRow[]> {
    const list = parseListQuery(query, {
      sortable: DISPATCH_SORTABLE,
      defaultSort: 'sentOn',
      defaultOrder: 'DESC',
    });
    const [rows, total] = await this.dispatch.list(list);
    response.setHeader(
      'Content-Range',
      contentRange('dispatches', list.offset, rows.length, total),
    );
    return rows;
  }

  @Roles('admin', 'secretariat')
  @Get('dispatches/:id')
  async get(@Param('id') id: string): Promise<DispatchRow> {
    const row = await this.records.find(id);
    if (!row) throw new NotFoundError(`発送記録 ${id} はありません`);
    return row;
  }

  /** `{trackingNo?, returnedOn?, returnReason?}`: returnedOn null takes a return back. */
  @Roles('admin', 'secretariat')
  @Put('dispatches/:id')
  update(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<DispatchRow> {
    return this.dispatch.update(id, body ?? {}, user.login);
  }

  @Roles('admin', 'secretariat')
  @Get('dossiers/:id/result-letter.pdf')
  async letter(@Param('id') id: string, @Res() response: Response): Promise<void> {
    const dossier = await this.records.dossierKey(id);
    if (!dossier) throw new NotFoundError(`申請 ${id} はありません`);
    const dir = await mkdtemp(join(tmpdir(), 'shinsa-letter-'));
    try {
      const path = join(dir, 'letter.pdf');
      await this.dispatch.letter(dossier.roundId, dossier.certNo, path);
      response.setHeader('Cache-Control', 'no-store');
      await new Promise<void>((resolve, reject) =>
        response.download(path, `result-letter-${dossier.certNo}.pdf`, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
