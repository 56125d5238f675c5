import { DynamicModule, Module } from '@nestjs/common';
import { SystemModule } from '../system/system.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { WorkerHeartbeatRepository } from './worker-heartbeat.repository.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';

@Module({})
export class HealthModule {
  /**
   * `workers`: this process answers pings; `heartbeat`: it is a worker process and says so
   * every 15 s (not a command line running the checks of its own import).
   */
  static register(options: { workers: boolean; heartbeat: boolean }): DynamicModule {
    return {
      module: HealthModule,
      imports: [SystemModule.register({ workers: options.workers })],
      controllers: [HealthController],
      providers: [
        HealthService,
        WorkerHeartbeatRepository,
        ...(options.heartbeat ? [WorkerHeartbeatService] : []),
      ],
    };
  }
}
