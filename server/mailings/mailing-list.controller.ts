import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { sendFile } from './send-file.js';
import { DispatchService } from './dispatch.service.js';

/** The mailing lists of a round and the mailings sent: for the secretariat. */
@Controller('rounds/:roundId')
export class MailingListController {
  constructor(private readonly dispatch: DispatchService) {}

  /** Each list's recipients, still to send and late changes; the mailings sent and returned. */
  @Roles('admin', 'secretariat')
  @Get('mailing-lists')
  summary(@Param('roundId') roundId: string) {
    return this.dispatch.summary(roundId);
  }

  /**
   * `results.xlsx`, `certificates.csv?encoding=cp932`, `result-letters.pdf`… written at once
   * (the console queues larger ones as exports). CSV holds the list only: the change notices
   * after the cut-off are on their own sheet of the xlsx.
   */
  @Roles('admin', 'secretariat')
  @Get('mailing-lists/:file')
  async download(
    @Param('roundId') roundId: string,
    @Param('file') file: string,
    @Query() query: Record<string, string | undefined>,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    const match = /^([a-z-]+)\.(xlsx|csv|pdf)$/.exec(file);
    if (!match) {
      throw new InvalidInputError(`「${file}」は一覧のファイル名ではありません(例: results.xlsx)`);
    }
    const request = this.dispatch.validate({
      list: match[1],
      format: match[2],
      encoding: query.encoding,
      pendingOnly: query.pendingOnly,
    });
    const dir = await mkdtemp(join(tmpdir(), 'shinsa-list-'));
    try {
      const name = `${match[1]}-${roundId}.${match[2]}`;
      const result = await this.dispatch.export(roundId, request, join(dir, name), user.login);
      await sendFile(response, join(dir, name), name, request.encoding, result);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Records the envelopes of a list sent on a day: `{list, sentOn, certNos?, trackingNos?}`;
   * without certNos, everyone still to send.
   */
  @Roles('admin', 'secretariat')
  @Post('dispatches')
  @HttpCode(200)
  record(
    @Param('roundId') roundId: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ) {
    return this.dispatch.record(roundId, body ?? {}, user.login);
  }
}
