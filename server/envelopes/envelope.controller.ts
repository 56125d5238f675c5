import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
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
import { contentRange, parseListQuery } from '../common/list-query.js';
import type { UploadedFile } from '../imports/import-upload.service.js';
import { EnvelopeService } from './envelope.service.js';
import { ENVELOPE_SORTABLE } from './envelope.repository.js';
import type { EnvelopeRow } from './envelope.views.js';

/** Envelopes (react-admin resource `envelopes`, id `<round>:<受付番号>`), for the secretariat. */
@Controller('envelopes')
export class EnvelopeController {
  constructor(private readonly envelopes: EnvelopeService) {}

  @Roles('admin', 'secretariat')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnvelopeRow[]> {
    const list = parseListQuery(query, {
      sortable: ENVELOPE_SORTABLE,
      defaultSort: 'receiptNo',
      defaultOrder: 'DESC',
    });
    const [rows, total] = await this.envelopes.list(list);
    response.setHeader('Content-Range', contentRange('envelopes', list.offset, rows.length, total));
    return rows;
  }

  @Roles('admin', 'secretariat')
  @Get(':id')
  get(@Param('id') id: string): Promise<EnvelopeRow> {
    return this.envelopes.get(id);
  }

  /** Body: roundId, arrivedOn, postmarkedOn (empty: illegible), mailKind, trackingNo, certNo, note. */
  @Roles('admin', 'secretariat')
  @Post()
  register(
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<EnvelopeRow> {
    return this.envelopes.register(body ?? {}, user);
  }

  @Roles('admin', 'secretariat')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<EnvelopeRow> {
    return this.envelopes.update(id, body ?? {}, user);
  }

  /** Scans of the envelope (multipart `files`: PDF, PNG or JPEG), added as its next pages. */
  @Roles('admin', 'secretariat')
  @Post(':id/scans')
  @UseInterceptors(FilesInterceptor('files', 200))
  addScans(
    @Param('id') id: string,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @CurrentUser() user: SessionUser,
  ) {
    return this.envelopes.addScans(id, files ?? [], user);
  }
}
