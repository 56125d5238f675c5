import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { AuthModule } from './auth/auth.module.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { ConfigModule } from './config/config.module.js';
import type { Runtime } from './config/runtime.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { QueueModule } from './queues/queue.module.js';
import { RoundModule } from './rounds/round.module.js';

export interface AppModuleOptions {
  /** Register queue processors: true for the `all` and `worker` roles. */
  workers: boolean;
  /** Serve the built console at `/`: the `all` and `api` roles. */
  console: boolean;
}

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime, options: AppModuleOptions): DynamicModule {
    const consoleDir = runtime.config.consoleDir;
    const serveConsole = options.console && existsSync(consoleDir);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(runtime),
        DatabaseModule,
        QueueModule.forRoot(),
        AuthModule,
        RoundModule,
        HealthModule.register({ workers: options.workers }),
        ...(serveConsole
          ? [
              ServeStaticModule.forRoot({
                rootPath: consoleDir,
                exclude: ['/api/{*path}'],
                serveStaticOptions: { index: 'index.html', fallthrough: true },
              }),
            ]
          : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
