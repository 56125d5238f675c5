import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DispatchRecordService } from './dispatch-record.service.js';
import { DispatchSentDto } from './dto/dispatch-sent.dto.js';
import { MailingListService } from './mailing-list.service.js';
import { sendFile } from './send-file.js';

/** The mailing lists of a round and the mailings sent: for the secretariat. */
@Controller('rounds/:roundId')
export class MailingListController {
  constructor(
    private readonly mailingLists: MailingListService,
    private readonly dispatches: DispatchRecordService,
  ) {}

  /** Each list's recipients, still to send and late changes; the mailings sent and returned. */
  @Roles('admin', 'secretariat')
  @Get('mailing-lists')
  summary(@Param('roundId') roundId: string) {
    return this.mailingLists.summary(roundId);
  }

  /**
   * `results.xlsx`, `certificates.csv?encoding=cp932`, `result-letters.pdf`… written at once
   * (the console queues larger ones as exports). CSV holds the list only: the change notices
   * after the cut-off are on their own sheet of the xlsx.
   */
  @Roles('admin', 'secretariat')
  @Get('mailing-lists/:file')
  download(
    @Param('roundId') roundId: string,
    @Param('file') file: string,
    @Query() query: Record<string, string | undefined>,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    return this.mailingLists.withListFile(roundId, file, query, user.login, (written) =>
      sendFile(response, written.path, written.name, written.encoding, written.result),
    );
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
    @Body() body: DispatchSentDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.dispatches.record(roundId, body, user.login);
  }
}
