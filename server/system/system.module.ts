import { DynamicModule, Module } from '@nestjs/common';
import { SystemProcessor } from './system.processor.js';
import { SystemService } from './system.service.js';

@Module({})
export class SystemModule {
  /** The processor is registered only in processes that run workers. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: SystemModule,
      providers: [SystemService, ...(options.workers ? [SystemProcessor] : [])],
      exports: [SystemService],
    };
  }
}
