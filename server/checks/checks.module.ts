import { DynamicModule, Module } from '@nestjs/common';
import { CheckQueueService } from './check-queue.service.js';
import { CheckController } from './check.controller.js';
import { CheckProcessor } from './check.processor.js';
import { CheckRepository } from './check.repository.js';

@Module({})
export class ChecksModule {
  /** The processor is registered only in processes that run workers. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: ChecksModule,
      // Every domain that changes what the checks read queues them.
      global: true,
      controllers: [CheckController],
      providers: [CheckRepository, CheckQueueService, ...(options.workers ? [CheckProcessor] : [])],
      exports: [CheckQueueService, CheckRepository],
    };
  }
}
