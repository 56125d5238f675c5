import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, DATABASE_URL } from '../config/config.module.js';
import { configureQueueBackend, QueueBackendKind } from './queue-connection.js';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues.js';

export const QUEUE_BACKEND_KIND = Symbol('QUEUE_BACKEND_KIND');

/** BullMQ with every queue of queues.ts registered, on Redis or on PostgreSQL. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const bullRoot = BullModule.forRootAsync({
      inject: [APP_CONFIG, DATABASE_URL],
      useFactory: (config: AppConfig, databaseUrl: string) => {
        const backend = configureQueueBackend(config.redisUrl, databaseUrl, config.queuePrefix);
        return { ...backend.options, defaultJobOptions: DEFAULT_JOB_OPTIONS };
      },
    });
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [bullRoot, queues],
      providers: [
        {
          provide: QUEUE_BACKEND_KIND,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): QueueBackendKind =>
            config.redisUrl ? 'redis' : 'postgres',
        },
      ],
      exports: [queues, QUEUE_BACKEND_KIND],
    };
  }
}
