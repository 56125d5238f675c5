import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NotFoundError } from '../common/domain-errors.js';
import { answerWholeList } from '../common/list-answer.js';
import { CheckQueueService } from './check-queue.service.js';

/** The round of react-admin's `filter={"roundId":"2021"}`, or null for every round. */
function roundFilter(filter: string | undefined): string | null {
  try {
    const parsed = filter ? (JSON.parse(filter) as { roundId?: unknown }) : {};
    return typeof parsed.roundId === 'string' ? parsed.roundId : null;
  } catch {
    return null;
  }
}

/** Checks that failed after every retry, for admins to look at and run again. */
@Controller('check-failures')
export class CheckController {
  constructor(
    private readonly checks: CheckQueueService,
    private readonly audit: AuditService,
  ) {}

  @Roles('admin')
  @Get()
  async list(
    @Query('filter') filter: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const roundId = roundFilter(filter);
    const rows = (await this.checks.failures(roundId)).map((f) => ({
      id: `${f.roundId}.${f.certNo}`,
      ...f,
    }));
    return answerWholeList(response, 'check-failures', rows);
  }

  @Roles('admin')
  @Post(':roundId/:certNo/retry')
  @HttpCode(200)
  async retry(
    @Param('roundId') roundId: string,
    @Param('certNo') certNo: string,
    @CurrentUser() user: SessionUser,
  ) {
    if (!(await this.checks.retry(roundId, certNo))) {
      throw new NotFoundError(
        `認定番号 ${certNo} のチェックは失敗していません(一覧を再読み込みしてください)`,
      );
    }
    await this.audit.record({
      actor: user.login,
      action: 'check.retried',
      entity: 'dossier',
      roundId,
      certNo,
    });
    return { retried: true };
  }
}
