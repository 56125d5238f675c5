import {
  ConsoleLogger,
  INestApplicationContext,
  Logger,
  LoggerService,
  LogLevel,
} from '@nestjs/common';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { AppConfig, loadConfig, logLevelsUpTo } from './config/app-config.js';
import { httpLogOptions, logDestination } from './logging/log-options.js';
import type { Runtime } from './config/runtime.js';
import { DatabaseHandle, openDatabase } from './database/embedded-database.js';
import { migrateDatabase } from './database/migrator.js';

const logger = new Logger('Boot');

export interface Booted {
  runtime: Runtime;
  database: DatabaseHandle;
  logLevels: LogLevel[];
  logger: LoggerService;
}

/** Writes every log line to stderr: the CLI keeps stdout for its output (pure JSON with --json). */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

function structuredLogger(config: AppConfig): LoggerService {
  const params = {
    pinoHttp: httpLogOptions(config.logLevel, logDestination(config.logFormat)),
    renameContext: 'context',
  };
  return new PinoNestLogger(new PinoLogger(params), params);
}

/**
 * Everything a process does before Nest starts: validate the configuration, reach (or start)
 * PostgreSQL, and migrate it when asked. Shared by the server and the CLI.
 */
export async function prepare(
  overrides: Partial<AppConfig> = {},
  options: { migrate?: boolean; stderrOnly?: boolean; quiet?: boolean } = {},
): Promise<Booted> {
  const config = loadConfig(process.env, overrides);
  // A quiet process (the CLI without --verbose) logs only errors, unless LOG_LEVEL says more.
  const logLevels =
    options.quiet && process.env.LOG_LEVEL === undefined
      ? logLevelsUpTo('error')
      : logLevelsUpTo(config.logLevel);
  // The CLI talks to a person on stderr; the server writes structured lines (nestjs-pino) that
  // carry the request or job they belong to.
  const appLogger: LoggerService = options.stderrOnly
    ? new StderrLogger({ logLevels })
    : structuredLogger(config);
  Logger.overrideLogger(appLogger);
  const database = await openDatabase(config.databaseUrl, config.dataDir, config.embeddedPgPort);
  try {
    if (options.migrate ?? config.migrateOnBoot) {
      const report = await migrateDatabase(database.url, { queueOnPostgres: !config.redisUrl });
      if (report.applied.length > 0) logger.log(`${report.applied.length} migration(s) applied`);
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
  return { runtime: { config, databaseUrl: database.url }, database, logLevels, logger: appLogger };
}

/** Closes the Nest application, then the embedded PostgreSQL if this process started it. */
export async function shutdown(
  app: INestApplicationContext | null,
  database: DatabaseHandle,
): Promise<void> {
  try {
    await app?.close();
  } finally {
    await database.stop();
  }
}
