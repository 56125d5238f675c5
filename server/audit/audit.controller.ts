import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { AUDIT_SORTABLE } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import type { AuditRow } from './audit.views.js';

/** The global audit log, searchable and exportable, for admins. */
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditRow[]> {
    const list = parseListQuery(query, {
      sortable: AUDIT_SORTABLE,
      defaultSort: 'at',
      defaultOrder: 'DESC',
    });
    const page = await this.audit.listRead(list, user.login, request.ip ?? null);
    return answerList(response, 'audit-events', list.offset, page);
  }

  /** The filtered log as CSV (UTF-8 with BOM), streamed page by page, no row cap. */
  @Roles('admin')
  @Get('export.csv')
  async export(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { filter } = parseListQuery(query, { sortable: AUDIT_SORTABLE, defaultSort: 'at' });
    await this.audit.recordExport(filter, user.login, request.ip ?? null);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    for await (const chunk of this.audit.exportCsv(filter)) response.write(chunk);
    response.end();
  }
}
