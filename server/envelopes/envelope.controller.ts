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
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import type { UploadedFile } from '../imports/import-upload.service.js';
import { EnvelopeService } from './envelope.service.js';
import { ENVELOPE_SORTABLE } from './envelope.repository.js';
import type { EnvelopeDetail, EnvelopeRow } from './envelope.views.js';
import { AcceptsUpload } from '../auth/upload.decorator.js';

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
    return answerList(response, 'envelopes', list.offset, await this.envelopes.list(list));
  }

  @Roles('admin', 'secretariat')
  @Get(':id')
  get(@Param('id') id: string): Promise<EnvelopeDetail> {
    return this.envelopes.get(id);
  }

  /**
   * Body: EnvelopeRegistrationDto (roundId, arrivedOn, postmarkedOn, mailKind, trackingNo,
   * certNo, note), read by the service so its 認定番号 is judged in the same answer.
   */
  @Roles('admin', 'secretariat')
  @Post()
  register(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<EnvelopeDetail> {
    return this.envelopes.register(body, user);
  }

  /** Body: EnvelopeDto, read by the service like a registration's. */
  @Roles('admin', 'secretariat')
  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: SessionUser,
  ): Promise<EnvelopeDetail> {
    return this.envelopes.update(id, body, user);
  }

  /** Scans of the envelope (multipart `files`: PDF, PNG or JPEG), added as its next pages. */
  @Roles('admin', 'secretariat')
  @Post(':id/scans')
  @AcceptsUpload()
  @UseInterceptors(FilesInterceptor('files', 200))
  addScans(
    @Param('id') id: string,
    @UploadedFiles() files: UploadedFile[] | undefined,
    @CurrentUser() user: SessionUser,
  ) {
    return this.envelopes.addScans(id, files ?? [], user);
  }
}
