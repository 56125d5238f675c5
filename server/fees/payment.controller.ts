import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { sendAttachment } from '../common/send-attachment.js';
import { PAYMENT_SORTABLE } from './payment.repository.js';
import type { PaymentRow, PaymentTotals } from './payment.views.js';
import { PaymentService } from './payment.service.js';

const paymentFilter = (query: Record<string, unknown>) =>
  parseListQuery(query, { sortable: PAYMENT_SORTABLE, defaultSort: 'paidAt' }).filter;

/** Payments with their reconciliation (react-admin resource `payments`), for the secretariat. */
@Controller('payments')
export class PaymentController {
  constructor(private readonly payments: PaymentService) {}

  @Roles('admin', 'secretariat')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentRow[]> {
    const list = parseListQuery(query, {
      sortable: PAYMENT_SORTABLE,
      defaultSort: 'paidAt',
      defaultOrder: 'DESC',
    });
    return answerList(response, 'payments', list.offset, await this.payments.list(list));
  }

  /** How many payments of the round stand matched, unmatched, wrong, twice, cancelled, refunded. */
  @Roles('admin', 'secretariat')
  @Get('reconciliation')
  counts(@Query('roundId') roundId: string): Promise<Record<string, number>> {
    return this.payments.counts(roundId);
  }

  /** Counts and sums (yen) per reconciliation and fee of the round. */
  @Roles('admin', 'secretariat')
  @Get('summary')
  summary(@Query('roundId') roundId: string): Promise<PaymentTotals[]> {
    return this.payments.summary(roundId);
  }

  /** The filtered payments as CSV for Excel (UTF-8 with BOM, Japan time). */
  @Roles('admin', 'secretariat')
  @Get('export.csv')
  async exportCsv(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    sendAttachment(response, await this.payments.export(paymentFilter(query), 'csv', user));
  }

  /** The filtered payments as a workbook to print, with the round's totals. */
  @Roles('admin', 'secretariat')
  @Get('export.xlsx')
  async exportXlsx(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    sendAttachment(response, await this.payments.export(paymentFilter(query), 'xlsx', user));
  }

  /**
   * A payment entered by hand (a transfer the provider's file does not hold). The body is read
   * by the service with PaymentEntryDto, so its 認定番号 is judged in the same answer.
   */
  @Roles('admin', 'secretariat')
  @Post()
  enter(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<PaymentRow> {
    return this.payments.enter(body, user);
  }
}
