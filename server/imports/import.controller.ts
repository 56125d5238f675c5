import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFiles,
  UseInterceptors,
  Body,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NotFoundError } from '../common/domain-errors.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { reportCsv } from './import-report.js';
import type { ImportRunEntity } from './import-run.entity.js';
import { ImportUploadService, type UploadedFile } from './import-upload.service.js';
import {
  IMPORT_SORTABLE,
  ImportRepository,
  UNMATCHED_SORTABLE,
  type UnmatchedRecord,
} from './import.repository.js';

/** Imports under react-admin's REST contract; the secretariat and admins run them. */
@Controller()
export class ImportController {
  constructor(
    private readonly imports: ImportRepository,
    private readonly uploads: ImportUploadService,
  ) {}

  @Roles('admin', 'secretariat')
  @Get('imports')
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportRunEntity[]> {
    const list = parseListQuery(query, {
      sortable: IMPORT_SORTABLE,
      defaultSort: 'createdAt',
      defaultOrder: 'DESC',
    });
    const [rows, total] = await this.imports.listRuns(list);
    response.setHeader('Content-Range', contentRange('imports', list.offset, rows.length, total));
    return rows;
  }

  @Roles('admin', 'secretariat')
  @Get('imports/:id')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportRunEntity> {
    const run = await this.imports.findRun(id);
    if (!run)
      throw new NotFoundError(`取り込み ${id} はありません。取り込み履歴から選び直してください`);
    return run;
  }

  /** The report as CSV for Excel: every rejected row with file, line, column and reason. */
  @Roles('admin', 'secretariat')
  @Get('imports/:id/report.csv')
  async reportCsv(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const run = await this.get(id);
    if (!run.report)
      throw new NotFoundError('この取り込みはまだ終わっていないため、報告はまだありません');
    const stamp = run.createdAt.toISOString().slice(0, 10);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="import-report-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`取り込み報告-${stamp}.csv`)}`,
    );
    response.send(reportCsv(run.report));
  }

  /** Upload of a zip or CSV files: stored, then imported by a worker (202 with the import). */
  @Roles('admin', 'secretariat')
  @Post('imports')
  @HttpCode(202)
  @UseInterceptors(FilesInterceptor('files', 1000))
  upload(
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<ImportRunEntity> {
    return this.uploads.queueUpload(body?.roundId, files ?? [], user.login);
  }

  /** Payments, e-learning results, notices and envelopes waiting for a dossier. */
  @Roles('admin', 'secretariat')
  @Get('unmatched-records')
  async unmatched(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UnmatchedRecord[]> {
    const list = parseListQuery(query, {
      sortable: UNMATCHED_SORTABLE,
      defaultSort: 'receivedAt',
      defaultOrder: 'DESC',
    });
    const { rows, total } = await this.imports.listUnmatched(list);
    response.setHeader(
      'Content-Range',
      contentRange('unmatched-records', list.offset, rows.length, total),
    );
    return rows;
  }
}
