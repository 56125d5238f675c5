import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseArgs } from 'node:util';
import { AppModule } from './app.module.js';
import { ConfigError, PROCESS_ROLES, ProcessRole } from './config/app-config.js';
import { prepare, shutdown } from './boot.js';
import { configureHttpApp } from './http-app.js';

const logger = new Logger('Main');

function roleFromArgs(): ProcessRole | undefined {
  const { values } = parseArgs({ options: { role: { type: 'string' } }, allowPositionals: false });
  if (values.role === undefined) return undefined;
  if (!(PROCESS_ROLES as readonly string[]).includes(values.role)) {
    throw new ConfigError([`--role=${values.role} must be one of ${PROCESS_ROLES.join(', ')}`]);
  }
  return values.role as ProcessRole;
}

/**
 * A promise rejected with nobody listening (an event handler of a library, a forgotten await)
 * is logged, not fatal: ending the process would drop every job it is running for one stray
 * error, and the work it did not record is found again by the reconciler. An uncaught
 * exception still ends the process (Node's default): its state is not known any more.
 */
process.on('unhandledRejection', (reason) => {
  logger.error(
    `Unhandled rejection (the process goes on): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});

async function main(): Promise<void> {
  const role = roleFromArgs();
  const { runtime, database, logger: appLogger } = await prepare(role ? { role } : {});
  const { config } = runtime;
  const workers = config.role !== 'api';
  const http = config.role !== 'worker';
  const module = AppModule.forRoot(runtime, { workers, console: http });

  let app: NestExpressApplication | null = null;
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, shutting down`);
    await shutdown(app, database).catch((error) => logger.error(error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  if (http) {
    app = await NestFactory.create<NestExpressApplication>(module, { logger: appLogger });
    configureHttpApp(app);
    await app.listen(config.port, config.host);
    logger.log(
      `Shinsa (${config.role}) listening on http://localhost:${config.port} ` +
        `(queues on ${config.redisUrl ? 'Redis' : 'PostgreSQL'})`,
    );
  } else {
    app = (await NestFactory.createApplicationContext(module, { logger: appLogger })) as never;
    logger.log(`Shinsa worker started (queues on ${config.redisUrl ? 'Redis' : 'PostgreSQL'})`);
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(
      `${error.message}\nFix the variables above (see README.md, Configuration) and start again.\n`,
    );
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
