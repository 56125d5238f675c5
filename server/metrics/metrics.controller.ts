import { Controller, Get, Headers, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus's text format for a scraper: no session, the deployment's bearer token instead. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const { type, body } = await this.metrics.scrape(authorization);
    response.type(type).send(body);
  }
}
