import { Body, Controller, Get, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { DispatchRecordService } from './dispatch-record.service.js';
import { DISPATCH_SORTABLE } from './dispatch.repository.js';
import { DispatchUpdateDto } from './dto/dispatch-update.dto.js';
import { MailingListService } from './mailing-list.service.js';
import { sendDownload } from './send-file.js';
import type { DispatchRow } from './mailing.views.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/**
 * The mailings sent (react-admin resource `dispatches`): tracking numbers, returns. And one
 * applicant's result letter.
 */
@Controller()
export class DispatchRecordController {
  constructor(
    private readonly dispatches: DispatchRecordService,
    private readonly mailingLists: MailingListService,
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
    return answerList(response, 'dispatches', list.offset, await this.dispatches.list(list));
  }

  @Roles('admin', 'secretariat')
  @Get('dispatches/:id')
  get(@NumericParam() id: string): Promise<DispatchRow> {
    return this.dispatches.get(id);
  }

  /** `{trackingNo?, returnedOn?, returnReason?}`: returnedOn null takes a return back. */
  @Roles('admin', 'secretariat')
  @Put('dispatches/:id')
  update(
    @NumericParam() id: string,
    @Body() body: DispatchUpdateDto,
    @CurrentUser() user: SessionUser,
  ): Promise<DispatchRow> {
    return this.dispatches.update(id, body, user.login);
  }

  @Roles('admin', 'secretariat')
  @Get('dossiers/:id/result-letter.pdf')
  letter(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.mailingLists.withLetter(id, (path, name) => sendDownload(response, path, name), {
      login: user.login,
      ip: request.ip ?? null,
    });
  }
}
