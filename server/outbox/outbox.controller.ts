import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NumericParam } from '../common/numeric-param.pipe.js';
import { answerList, answerWholeList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { sendAttachment } from '../common/send-attachment.js';
import { BatchCreateDto } from './dto/batch-create.dto.js';
import { TemplatePreviewDto } from './dto/template-preview.dto.js';
import { TemplateSaveDto } from './dto/template-save.dto.js';
import { MESSAGE_SORTABLE } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';
import type { BatchRow, MessageRow, TemplateRow } from './outbox.views.js';

/**
 * The e-mail outbox (react-admin resources `mail-templates`, `mail-batches`,
 * `mail-messages`). The secretariat reads everything and drafts batches; admins edit the
 * templates, approve batches and resend: what leaves the board in its name is approved by the
 * office's responsible person, while drafting (who is due, which deadline) is daily office work.
 */
@Controller()
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Roles('admin', 'secretariat')
  @Get('mail-templates')
  async templates(@Res({ passthrough: true }) response: Response): Promise<TemplateRow[]> {
    return answerWholeList(response, 'mail-templates', await this.outbox.templates());
  }

  @Roles('admin', 'secretariat')
  @Get('mail-templates/:kind')
  template(@Param('kind') kind: string): Promise<TemplateRow> {
    return this.outbox.template(kind);
  }

  @Roles('admin')
  @Put('mail-templates/:kind')
  saveTemplate(
    @Param('kind') kind: string,
    @Body() body: TemplateSaveDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.outbox.saveTemplate(kind, body, user);
  }

  @Roles('admin', 'secretariat')
  @Post('mail-templates/:kind/preview')
  preview(@Param('kind') kind: string, @Body() body: TemplatePreviewDto) {
    return this.outbox.preview(kind, body);
  }

  @Roles('admin', 'secretariat')
  @Get('mail-batches')
  async batches(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BatchRow[]> {
    const list = parseListQuery(query, {
      sortable: ['id'],
      defaultSort: 'id',
      defaultOrder: 'DESC',
    });
    return answerList(response, 'mail-batches', list.offset, await this.outbox.batches(list));
  }

  @Roles('admin', 'secretariat')
  @Get('mail-batches/:id')
  batch(@NumericParam('id') id: string): Promise<BatchRow> {
    return this.outbox.batch(id);
  }

  @Roles('admin', 'secretariat')
  @Post('mail-batches')
  createBatch(@Body() body: BatchCreateDto, @CurrentUser() user: SessionUser) {
    return this.outbox.createBatch(body, user);
  }

  @Roles('admin')
  @Post('mail-batches/:id/approve')
  approve(@NumericParam('id') id: string, @CurrentUser() user: SessionUser) {
    return this.outbox.approve(id, user);
  }

  @Roles('admin', 'secretariat')
  @Get('mail-messages')
  async messages(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageRow[]> {
    const list = parseListQuery(query, {
      sortable: MESSAGE_SORTABLE,
      defaultSort: 'id',
      defaultOrder: 'ASC',
    });
    return answerList(response, 'mail-messages', list.offset, await this.outbox.messages(list));
  }

  @Roles('admin', 'secretariat')
  @Get('mail-messages/:id')
  message(@NumericParam('id') id: string): Promise<MessageRow> {
    return this.outbox.message(id);
  }

  @Roles('admin', 'secretariat')
  @Get('mail-messages/:id/eml')
  async eml(
    @NumericParam('id') id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendAttachment(
      response,
      await this.outbox.eml(id, { login: user.login, ip: request.ip ?? null }),
    );
  }

  @Roles('admin')
  @Post('mail-messages/:id/resend')
  resend(@NumericParam('id') id: string, @CurrentUser() user: SessionUser) {
    return this.outbox.resend(id, user);
  }
}
