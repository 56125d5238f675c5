import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { WorkerMetricsServer } from './worker-metrics-server.js';

/** Prometheus metrics of the process: /api/metrics, or METRICS_PORT on a worker. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, WorkerMetricsServer],
})
export class MetricsModule {}
