import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { AppModule } from '../../server/app.module.js';
import { AuthService } from '../../server/auth/auth.service.js';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import { AppConfig, loadConfig } from '../../server/config/app-config.js';
import { migrateDatabase } from '../../server/database/migrator.js';
import { configureHttpApp } from '../../server/http-app.js';
import { ImportService } from '../../server/imports/import.service.js';
import { ScanQueueService } from '../../server/scans/scan-queue.service.js';
import { DataSource } from 'typeorm';
import { ADMIN_DATABASE_URL, migrationsHash, TEMPLATE_ENV, TEMPLATE_LOCK } from './global-setup.js';

/**
 * Integration tests run against the machine's real PostgreSQL and Redis. Each test file gets a
 * database of its own (dropped afterwards) and a queue prefix of its own.
 */
export { ADMIN_DATABASE_URL };
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

let template: Promise<string> | undefined;

/**
 * The run's template (named by the globalSetup, keyed by the migrations' hash), migrated by the
 * first file that needs it, under a lock for files running at once; null without a globalSetup.
 */
function migratedTemplate(): Promise<string> | null {
  const name = process.env[TEMPLATE_ENV];
  if (!name || !name.includes(`_${migrationsHash()}_`)) return null;
  template ??= withAdmin(ADMIN_DATABASE_URL, async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rows } = await c.query<{ ready: boolean }>(
        'SELECT datistemplate AS ready FROM pg_database WHERE datname = $1',
        [name],
      );
      if (rows[0]?.ready) return name;
      // A template is marked only once fully migrated: anything else is a failed attempt.
      if (rows[0]) await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
      await migrateDatabase(databaseUrl(ADMIN_DATABASE_URL, name), { queueOnPostgres: true });
      // PostgreSQL clones only a database nobody is connected to: from now on nobody can be.
      await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
      return name;
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

/**
 * A new database, migrated unless `migrate` is false: a clone of the run's template on the
 * machine's PostgreSQL, or migrated on its own on another server (`adminUrl`).
 */
export async function createTestDatabase(
  migrate = true,
  adminUrl = ADMIN_DATABASE_URL,
): Promise<TestDatabase> {
  const name = uniqueName('shinsa_test');
  const source = migrate && adminUrl === ADMIN_DATABASE_URL ? await migratedTemplate() : null;
  await withAdmin(adminUrl, (c) =>
    c.query(source ? `CREATE DATABASE ${name} TEMPLATE ${source}` : `CREATE DATABASE ${name}`),
  );
  const url = databaseUrl(adminUrl, name);
  if (migrate && !source) await migrateDatabase(url, { queueOnPostgres: true });
  return {
    url,
    name,
    drop: () =>
      withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real application module on a free port, as `main.ts` builds it. */
export async function startTestApp(options: {
  databaseUrl: string;
  redisUrl?: string | null;
  workers?: boolean;
  console?: boolean;
  queuePrefix?: string;
  /** Where scans and uploads go; a fresh temporary folder by default. */
  dataDir?: string;
  /** More configuration variables, as the environment would set them (TRUSTED_PROXIES, …). */
  env?: Record<string, string>;
}): Promise<TestApp> {
  const config = loadConfig(
    {
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl ?? '',
      QUEUE_PREFIX: options.queuePrefix ?? uniqueName('q'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      PORT: '3000',
      // Like the default `.data`, a dot folder: files under it must still be served.
      DATA_DIR: options.dataDir ?? join(mkdtempSync(join(tmpdir(), 'shinsa-data-')), '.data'),
      ...options.env,
    },
    {},
  );
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(
      { config, databaseUrl: options.databaseUrl },
      { workers: options.workers ?? true, console: options.console ?? false },
    ),
    { logger: ['error'] },
  );
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}

/** Polls until `check` returns a value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The password of accounts made by {@link loginAs}. */
export const TEST_PASSWORD = 'correct-horse-battery-9';

/** A signed-in agent: creates the account, then logs in through the API as the console does. */
export async function loginAs(app: TestApp, login: string, role: string): Promise<request.Agent> {
  await app.app.get(AuthService).createUser({ login, role, password: TEST_PASSWORD });
  const agent = request.agent(app.baseUrl);
  await agent.post('/api/auth/login').send({ login, password: TEST_PASSWORD }).expect(200);
  return agent;
}

/**
 * Imports a bundle into round 2021 and waits until the workers checked every dossier (the app
 * must run workers); returns the round's dossiers by 認定番号. With `readScans`, it first waits
 * for the reading of the bundle's envelopes too, so a browser test does not share two cores
 * with the reader.
 */
export async function importChecked(
  app: TestApp,
  source: string,
  options: { readScans?: boolean } = {},
): Promise<{ id: string; certNo: string }[]> {
  const { queuedChecks, queuedReadings } = await app.app
    .get(ImportService)
    .run({ roundId: '2021', source, requestedBy: 'test' });
  if (options.readScans) {
    await app.app.get(ScanQueueService).waitFor(queuedReadings, { timeoutMs: 150000 });
  }
  await app.app.get(CheckQueueService).waitFor(queuedChecks, { timeoutMs: 60000 });
  return app.app
    .get(DataSource)
    .query(
      `SELECT id::text AS id, cert_no AS "certNo" FROM dossiers WHERE round_id = '2021' ORDER BY cert_no`,
    );
}

/** A supertest parser that keeps the body as bytes (xlsx, PDF, CP932 CSV). */
export function binary(
  res: request.Response,
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
