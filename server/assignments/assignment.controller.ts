import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList, answerWholeList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { ASSIGNMENT_SORTABLE } from './assignment.repository.js';
import { AssignmentService } from './assignment.service.js';
import { AssignmentSheetDto } from './dto/assignment-sheet.dto.js';
import { AssignmentDto } from './dto/assignment.dto.js';
import type { AssignmentRow, AssignResult } from './assignment.views.js';
import { AcceptsUpload } from '../auth/upload.decorator.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/** An assignment sheet is small: 20,000 lines of 認定番号 and login fit in well under this. */
const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/** Reviewer assignment, run by the secretariat (admins too, and only they override). */
@Controller()
export class AssignmentController {
  constructor(private readonly assignments: AssignmentService) {}

  @Roles('admin', 'secretariat')
  @Get('assignments')
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssignmentRow[]> {
    const list = parseListQuery(query, {
      sortable: ASSIGNMENT_SORTABLE,
      defaultSort: 'assignedAt',
      defaultOrder: 'DESC',
    });
    return answerList(response, 'assignments', list.offset, await this.assignments.list(list));
  }

  @Roles('admin', 'secretariat')
  @Get('assignments/:id')
  get(@NumericParam() id: string): Promise<AssignmentRow> {
    return this.assignments.get(id);
  }

  /** Assigns dossiers (by 認定番号) to one reviewer; says what became of each. */
  @Roles('admin', 'secretariat')
  @Post('assignments')
  @HttpCode(200)
  assign(@Body() body: AssignmentDto, @CurrentUser() user: SessionUser): Promise<AssignResult> {
    return this.assignments.assign(body, user);
  }

  /** Assigns from an uploaded sheet (CSV: 認定番号, 審査委員, optionally 上書き理由). */
  @Roles('admin', 'secretariat')
  @Post('assignments/csv')
  @HttpCode(200)
  @AcceptsUpload()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SHEET_BYTES, files: 1 } }))
  assignFromCsv(
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Body() body: AssignmentSheetDto,
    @CurrentUser() user: SessionUser,
  ): Promise<AssignResult> {
    return this.assignments.assignFromCsv(body.roundId, file, user);
  }

  @Roles('admin', 'secretariat')
  @Delete('assignments/:id')
  remove(@NumericParam() id: string, @CurrentUser() user: SessionUser): Promise<AssignmentRow> {
    return this.assignments.remove(id, user);
  }

  /** Active reviewers with their workplace and how many dossiers of the round they have. */
  @Roles('admin', 'secretariat')
  @Get('reviewers')
  async reviewers(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const list = parseListQuery(query, {
      sortable: ['displayName'] as const,
      defaultSort: 'displayName',
    });
    const roundId = typeof list.filter.roundId === 'string' ? list.filter.roundId : null;
    return answerWholeList(response, 'reviewers', await this.assignments.reviewers(roundId));
  }
}
