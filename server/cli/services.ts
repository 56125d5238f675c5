import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuditEvent } from '../audit/audit.views.js';
import { cliRoleProblem, type CliCommand } from '../auth/cli-roles.js';
import { UserRepository } from '../auth/user.repository.js';
import { Booted, prepare, shutdown } from '../boot.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import type { QueueName } from '../queues/queues.js';
import { CliRefusedError } from './errors.js';

let verbose = false;

/** `--verbose`: the framework's and the database's log lines too, not only the command's words. */
export function logVerbosely(on: boolean): void {
  verbose = on;
}

/**
 * Runs a command against the database: validates the configuration, reaches (or starts)
 * PostgreSQL, migrates it unless told not to, and stops it again however the command ends.
 */
export async function withDatabase<T>(
  run: (booted: Booted) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const booted = await prepare({}, { ...options, stderrOnly: true, quiet: !verbose });
  try {
    return await run(booted);
  } finally {
    await shutdown(null, booted.database);
  }
}

/**
 * Runs a command with the services of the API (no HTTP; workers only for the queues named),
 * closing them and the database after.
 */
export function withServices<T>(
  run: (app: INestApplicationContext) => Promise<T>,
  workers: readonly QueueName[] = [],
): Promise<T> {
  return withDatabase(async (booted) => {
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot(booted.runtime, { workers, console: false }),
      { logger: booted.logger },
    );
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  });
}

/** The operating-system user who runs a command on the server, as the audit trail names it. */
function osActor(): string {
  return `cli:${userInfo().username}`.slice(0, 64);
}

/**
 * Who a command acts for: the account of `--by <login>`, which must be allowed the command
 * (auth/cli-roles.ts), or else the operating-system user who runs it on the server.
 */
export async function actorOf(
  app: INestApplicationContext,
  command: CliCommand,
  by: string | undefined,
): Promise<string> {
  if (by === undefined) return osActor();
  const login = by.trim();
  const user = login ? await app.get(UserRepository).findByLogin(login) : null;
  const problem = cliRoleProblem(command, login, user);
  if (problem) throw new CliRefusedError(problem);
  return user!.login;
}

/**
 * Records an event of a command that runs without the services (backup, restore): through the
 * audit repository on a connection of its own, as the operating-system user.
 */
export async function recordCliAudit(
  databaseUrl: string,
  event: Omit<AuditEvent, 'actor'>,
): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { max: 1 })).initialize();
  try {
    await new AuditRepository(dataSource).append({
      actor: osActor(),
      ...event,
    });
  } finally {
    await dataSource.destroy();
  }
}
