import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { contentRange, parseListQuery } from '../common/list-query.js';
import { PAYMENT_SORTABLE, type PaymentRow } from './payment.repository.js';
import { PaymentService } from './payment.service.js';

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
    const [rows, total] = await this.payments.list(list);
    response.setHeader('Content-Range', contentRange('payments', list.offset, rows.length, total));
    return rows;
  }

  /** How many payments of the round stand matched, unmatched, wrong, twice, cancelled, refunded. */
  @Roles('admin', 'secretariat')
  @Get('reconciliation')
  counts(@Query('roundId') roundId: string): Promise<Record<string, number>> {
    return this.payments.counts(roundId);
  }

  /** A payment entered by hand (a transfer the provider's file does not hold). */
  @Roles('admin', 'secretariat')
  @Post()
  enter(
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SessionUser,
  ): Promise<PaymentRow> {
    return this.payments.enter(body ?? {}, user);
  }
}
