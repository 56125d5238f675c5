import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUDIT_SORTABLE } from '../audit/audit.repository.js';
import type { AuditRow } from '../audit/audit.views.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { DOSSIER_SORTABLE } from './dossier.repository.js';
import { DossierService } from './dossier.service.js';
import type { DossierDetail, DossierListRow } from './dossier.views.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/** Dossiers (react-admin resource `dossiers`): reviewers get only those assigned to them. */
@Controller('dossiers')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierListRow[]> {
    const list = parseListQuery(query, { sortable: DOSSIER_SORTABLE, defaultSort: 'certNo' });
    return answerList(response, 'dossiers', list.offset, await this.dossiers.list(list, user));
  }

  /** The filtered list as CSV (UTF-8 with BOM), streamed, with no row cap. */
  @Roles('admin', 'secretariat')
  @Get('export.csv')
  async export(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    const { filter } = parseListQuery(query, { sortable: DOSSIER_SORTABLE, defaultSort: 'certNo' });
    const lines = this.dossiers.exportCsv(filter, user);
    // The first chunk runs the query: a wrong filter still answers 400 before any header.
    const first = await lines.next();
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="dossiers.csv"');
    if (!first.done) response.write(first.value);
    for await (const chunk of lines) response.write(chunk);
    response.end();
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':id')
  get(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
  ): Promise<DossierDetail> {
    return this.dossiers.get(id, user, request.ip ?? null);
  }

  /**
   * The previous and next dossier of the list as filtered and sorted (`filter`, `sort` as for
   * the list), and this one's position: the console's next / previous keys.
   */
  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':id/neighbours')
  neighbours(
    @NumericParam() id: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ) {
    const list = parseListQuery(query, { sortable: DOSSIER_SORTABLE, defaultSort: 'certNo' });
    return this.dossiers.neighbours(id, list, user);
  }

  /** Who did what to this dossier, newest first (reviewers: their own dossiers). */
  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':id/audit-events')
  async history(
    @NumericParam() id: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditRow[]> {
    const list = parseListQuery(query, {
      sortable: AUDIT_SORTABLE,
      defaultSort: 'at',
      defaultOrder: 'DESC',
    });
    return answerList(
      response,
      'audit-events',
      list.offset,
      await this.dossiers.history(id, list, user),
    );
  }
}
