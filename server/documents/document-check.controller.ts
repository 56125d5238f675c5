import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DocumentCheckService } from './document-check.service.js';
import { DocumentMarkDto } from './dto/document-mark.dto.js';
import { ProposalConfirmationDto } from './dto/proposal-confirmation.dto.js';
import type { ConfirmationPlan } from './proposal-confirmation.js';
import type { DocumentCheckRow, ChecklistItem } from './document.views.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/** A dossier's paper documents: the checklist, and the secretariat's marks. */
@Controller('dossiers/:id/documents')
export class DocumentCheckController {
  constructor(private readonly documents: DocumentCheckService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get()
  checklist(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
  ): Promise<ChecklistItem[]> {
    return this.documents.checklist(id, user, request.ip ?? null);
  }

  /**
   * Body: `{ rule: "doc.seal", ref: "sheet:2" | null, status: found|missing|insufficient, note,
   * expected }`; `expected` is the mark the caller saw (null: none, or its checkedAt).
   */
  @Roles('admin', 'secretariat')
  @Put()
  mark(
    @NumericParam() id: string,
    @Body() body: DocumentMarkDto,
    @CurrentUser() user: SessionUser,
  ): Promise<DocumentCheckRow> {
    return this.documents.mark(id, body, user);
  }

  @Roles('admin', 'secretariat')
  @Delete()
  unmark(
    @NumericParam() id: string,
    @Query() query: { rule?: string; ref?: string; expected?: string },
    @CurrentUser() user: SessionUser,
  ): Promise<DocumentCheckRow> {
    return this.documents.unmark(id, query, user);
  }

  /** What confirming an envelope's proposals together would mark (`?receiptNo=`), unsaved. */
  @Roles('admin', 'secretariat')
  @Get('confirmation')
  confirmation(
    @NumericParam() id: string,
    @Query() query: ProposalConfirmationDto,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
  ): Promise<ConfirmationPlan> {
    return this.documents.confirmation(id, query, user, request.ip ?? null);
  }

  /** Body `{ receiptNo }`: confirms that envelope's proposals at or above the threshold. */
  @Roles('admin', 'secretariat')
  @Post('confirmation')
  @HttpCode(200)
  confirm(
    @NumericParam() id: string,
    @Body() body: ProposalConfirmationDto,
    @CurrentUser() user: SessionUser,
  ): Promise<ConfirmationPlan> {
    return this.documents.confirmProposals(id, body, user);
  }
}
