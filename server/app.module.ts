import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { AccountModule } from './accounts/account.module.js';
import { DossierModule } from './dossiers/dossier.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { setConsoleCacheHeaders } from './common/console-caching.js';
import { DomainErrorFilter } from './common/domain-error.filter.js';
import { QueryInputErrorFilter } from './common/query-input-error.filter.js';
import { ConfigModule } from './config/config.module.js';
import type { Runtime } from './config/runtime.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DecisionModule } from './decisions/decision.module.js';
import { MailingModule } from './mailings/mailing.module.js';
import { FeeModule } from './fees/fee.module.js';
import { DocumentCheckModule } from './documents/document-check.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { ChecksModule } from './checks/checks.module.js';
import { ImportModule } from './imports/import.module.js';
import { EnvelopeModule } from './envelopes/envelope.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MasterModule } from './masters/master.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { QueueBoardModule } from './queue-board/queue-board.module.js';
import { QUEUE_BOARD_PATH } from './queue-board/queue-board-path.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { QueueModule } from './queues/queue.module.js';
import { QUEUES, type QueueName } from './queues/queues.js';
import { ReconcilerModule } from './reconciler/reconciler.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RoundModule } from './rounds/round.module.js';
import { ScanModule } from './scans/scan.module.js';
import { SavedViewModule } from './saved-views/saved-view.module.js';
import { SettingsModule } from './settings/settings.module.js';

export interface AppModuleOptions {
  /**
   * Register queue processors: true for the `all` and `worker` roles; a list of queues for a
   * process that works only some (the CLI's `import --wait` runs the checks).
   */
  workers: boolean | readonly QueueName[];
  /** Serve the built console at `/`: the `all` and `api` roles. */
  console: boolean;
}

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime, options: AppModuleOptions): DynamicModule {
    const consoleDir = runtime.config.consoleDir;
    const works = (queue: QueueName) =>
      options.workers === true ||
      (Array.isArray(options.workers) && options.workers.includes(queue));
    const serveConsole = options.console && existsSync(consoleDir);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(runtime),
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot(),
        QueueBoardModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        RoundModule,
        ChecksModule.register({ workers: works(QUEUES.checks) }),
        ImportModule.register({ workers: works(QUEUES.imports) }),
        MasterModule,
        DossierModule,
        AccountModule,
        DecisionModule,
        DashboardModule,
        MailingModule.register({ workers: works(QUEUES.exports) }),
        FeeModule,
        DocumentCheckModule,
        ScanModule.register({ workers: works(QUEUES.scans) }),
        EnvelopeModule,
        SavedViewModule,
        SettingsModule,
        RetentionModule,
        OutboxModule.register({ workers: works(QUEUES.outbox) }),
        HealthModule.register({
          workers: works(QUEUES.system),
          heartbeat: options.workers === true,
        }),
        // Worker processes find what was lost (not a command line waiting for its own import).
        ...(options.workers === true ? [ReconcilerModule] : []),
        ...(serveConsole
          ? [
              ServeStaticModule.forRoot({
                rootPath: consoleDir,
                exclude: ['/api/{*path}', `${QUEUE_BOARD_PATH}{*path}`],
                serveStaticOptions: {
                  index: 'index.html',
                  fallthrough: true,
                  setHeaders: setConsoleCacheHeaders,
                },
              }),
            ]
          : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: QueryInputErrorFilter },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
