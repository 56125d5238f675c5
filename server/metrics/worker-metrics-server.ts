import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { MetricsService } from './metrics.service.js';

/**
 * A worker process has no HTTP server: with METRICS_PORT it serves `/metrics` alone, with the
 * same token as the API's `/api/metrics`, so the scraper sees the checks and readings it does.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const port = this.config.metricsPort;
    if (this.config.role !== 'worker' || port === null) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.metrics.scrape(request.headers.authorization).then(
        ({ type, body }) => response.writeHead(200, { 'Content-Type': type }).end(body),
        (error: Error) =>
          response
            .writeHead(error.name === 'NotFoundError' ? 404 : 403, {
              'Content-Type': 'text/plain; charset=utf-8',
            })
            .end(error.message),
      );
    });
    this.server.listen(port, this.config.host, () =>
      this.logger.log(`Worker metrics on http://${this.config.host}:${port}/metrics`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(null)));
  }
}
