import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator.js';
import { csvCell } from '../common/csv.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { AUDIT_SORTABLE, AuditRepository } from './audit.repository.js';
import type { AuditRow } from './audit.views.js';

/** The global audit log, searchable and exportable, for admins. */
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Roles('admin')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditRow[]> {
    const list = parseListQuery(query, {
      sortable: AUDIT_SORTABLE,
      defaultSort: 'at',
      defaultOrder: 'DESC',
    });
    const { rows, total } = await this.audit.list(list);
    response.setHeader(
      'Content-Range',
      contentRange('audit-events', list.offset, rows.length, total),
    );
    return rows;
  }

  /** The filtered log as CSV (UTF-8 with BOM), streamed page by page, no row cap. */
  @Roles('admin')
  @Get('export.csv')
  async export(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { filter } = parseListQuery(query, { sortable: AUDIT_SORTABLE, defaultSort: 'at' });
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    response.write('\uFEFF日時,実行者,操作,対象,対象ID,年度,認定番号,変更前,変更後,接続元\r\n');
    for await (const page of this.audit.stream(filter)) {
      const lines = page.map((e) =>
        [
          e.at.toISOString(),
          e.actor,
          e.action,
          e.entity,
          e.entityId,
          e.roundId,
          e.certNo,
          e.before,
          e.after,
          e.ip,
        ]
          .map(csvCell)
          .join(','),
      );
      response.write(lines.join('\r\n') + '\r\n');
    }
    response.end();
  }
}
