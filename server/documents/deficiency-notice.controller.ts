import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { NOTICE_SORTABLE } from './deficiency-notice.repository.js';
import { DeficiencyNoticeService } from './deficiency-notice.service.js';
import { DeficiencyNoticeIssueDto } from './dto/deficiency-notice-issue.dto.js';
import type { NoticeRow } from './document.views.js';
import { sendDownload } from '../mailings/send-file.js';

/** Deficiency notices (react-admin resource `deficiency-notices`), for the secretariat. */
@Controller('deficiency-notices')
export class DeficiencyNoticeController {
  constructor(private readonly notices: DeficiencyNoticeService) {}

  @Roles('admin', 'secretariat')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NoticeRow[]> {
    const list = parseListQuery(query, {
      sortable: NOTICE_SORTABLE,
      defaultSort: 'issuedAt',
      defaultOrder: 'DESC',
    });
    return answerList(response, 'deficiency-notices', list.offset, await this.notices.list(list));
  }

  /** The notices of the list's filter as CSV (UTF-8 with BOM) for letters or e-mails. */
  @Roles('admin', 'secretariat')
  @Get('export.csv')
  async export(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { filter } = parseListQuery(query, {
      sortable: NOTICE_SORTABLE,
      defaultSort: 'issuedAt',
    });
    const csv = await this.notices.exportCsv(filter, {
      login: user.login,
      ip: request.ip ?? null,
    });
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="deficiency-notices.csv"');
    response.send(csv);
  }

  /**
   * The notices of the list's filter as PDF letters for those without e-mail, dated
   * `letterDate` (YYYY-MM-DD, chosen when printing; absent: today); `withoutEmail=true`: only
   * those with no e-mail address.
   */
  @Roles('admin', 'secretariat')
  @Get('letters.pdf')
  async letters(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { filter } = parseListQuery(query, {
      sortable: NOTICE_SORTABLE,
      defaultSort: 'issuedAt',
    });
    await this.notices.withLetters(
      filter,
      query.letterDate,
      query.withoutEmail === 'true',
      { login: user.login, ip: request.ip ?? null },
      async (path, name) => {
        response.setHeader('Content-Type', 'application/pdf');
        await sendDownload(response, path, name);
      },
    );
  }

  /** Body: roundId, resubmitBy (YYYY-MM-DD), optionally dossierIds (else every deficient one). */
  @Roles('admin', 'secretariat')
  @Post()
  issue(@Body() body: DeficiencyNoticeIssueDto, @CurrentUser() user: SessionUser) {
    return this.notices.issue(body, user);
  }
}
