import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { DispatchService } from './dispatch.service.js';

/** The mailing lists of a round, for the console (the same files as `cli export`). */
@Controller('rounds/:roundId/mailing-lists')
export class DispatchController {
  constructor(private readonly dispatch: DispatchService) {}

  @Roles('admin', 'secretariat')
  @Get()
  summary(@Param('roundId') roundId: string) {
    return this.dispatch.summary(roundId);
  }

  /**
   * `results.xlsx`, `certificates.csv?encoding=cp932`… (CSV holds the list only: the change
   * notices after the cut-off are on their own sheet of the xlsx.)
   */
  @Roles('admin', 'secretariat')
  @Get(':file')
  async download(
    @Param('roundId') roundId: string,
    @Param('file') file: string,
    @Query('encoding') encoding: string | undefined,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    const match = /^([a-z-]+)\.(xlsx|csv)$/.exec(file);
    if (!match) {
      throw new InvalidInputError(`「${file}」は一覧のファイル名ではありません(例: results.xlsx)`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'shinsa-list-'));
    try {
      const out = join(dir, `${match[1]}-${roundId}.${match[2]}`);
      const result = await this.dispatch.export(match[1], roundId, out, encoding, user.login);
      response.setHeader('X-Rows', String(result.rows));
      response.setHeader('X-Late-Changes', String(result.lateChanges));
      if (result.unrepresentable.length > 0) {
        // Never hand over a file that lost characters without saying so.
        response.setHeader('X-Unrepresentable-Cells', String(result.unrepresentable.length));
      }
      response.setHeader(
        'Content-Type',
        match[2] === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
      );
      await new Promise<void>((resolve, reject) =>
        response.download(out, `${match[1]}-${roundId}.${match[2]}`, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
