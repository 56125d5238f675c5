import { DynamicModule, Module } from '@nestjs/common';
import { SystemModule } from '../system/system.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({})
export class HealthModule {
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: HealthModule,
      imports: [SystemModule.register(options)],
      controllers: [HealthController],
      providers: [HealthService],
    };
  }
}
