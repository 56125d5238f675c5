import {
  Body,
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
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { ImportUploadDto } from './dto/import-upload.dto.js';
import type { ImportRunEntity } from './import-run.entity.js';
import { ImportRunService } from './import-run.service.js';
import { ImportUploadService, type UploadedFile } from './import-upload.service.js';
import { IMPORT_SORTABLE, UNMATCHED_SORTABLE, type UnmatchedRecord } from './import.repository.js';
import { AcceptsUpload } from '../auth/upload.decorator.js';

/** Imports under react-admin's REST contract; the secretariat and admins run them. */
@Controller()
export class ImportController {
  constructor(
    private readonly runs: ImportRunService,
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
    return answerList(response, 'imports', list.offset, await this.runs.list(list));
  }

  @Roles('admin', 'secretariat')
  @Get('imports/:id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportRunEntity> {
    return this.runs.get(id);
  }

  /** The report as CSV for Excel: every rejected row with file, line, column and reason. */
  @Roles('admin', 'secretariat')
  @Get('imports/:id/report.csv')
  async reportCsv(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { csv, day } = await this.runs.reportCsv(id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="import-report-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`取り込み報告-${day}.csv`)}`,
    );
    response.send(csv);
  }

  /** Upload of a zip or CSV files: stored, then imported by a worker (202 with the import). */
  @Roles('admin', 'secretariat')
  @Post('imports')
  @HttpCode(202)
  @AcceptsUpload()
  @UseInterceptors(FilesInterceptor('files', 1000))
  upload(
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() body: ImportUploadDto,
    @CurrentUser() user: SessionUser,
  ): Promise<ImportRunEntity> {
    return this.uploads.queueUpload(body.roundId, files ?? [], user.login);
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
    return answerList(response, 'unmatched-records', list.offset, await this.runs.unmatched(list));
  }
}
