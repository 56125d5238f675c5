import { createHash, randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/*
 * Jest's globalSetup of the integration project: names the run's template database, which the
 * first test file to need a migrated database migrates (test-env.ts, under TEMPLATE_LOCK) and
 * every file then clones. Jest loads this file outside its module system, so it imports nothing
 * of the project (test-env.ts imports from it instead).
 */

export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where the run's template name reaches the test files (processes started after this one). */
export const TEMPLATE_ENV = 'SHINSA_TEST_TEMPLATE';

/** Advisory lock (on the admin database) under which a template is migrated. */
export const TEMPLATE_LOCK = 4_712_330_101;

/** Advisory lock class held, with the run's number, by every run while its template lives. */
const RUN_LOCK_CLASS = 471_233;

const TEMPLATE_PREFIX = 'shinsa_template_';

const ROOT = join(__dirname, '..', '..');

/**
 * What a migrated database is made of: every migration file, the migrator and BullMQ's version
 * (it brings the queue schema). A template named by another hash is never cloned.
 */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const migrations = join(ROOT, 'migrations');
  for (const file of readdirSync(migrations).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(migrations, file)))
      .update('\0');
  }
  hash.update(readFileSync(join(ROOT, 'server', 'database', 'migrator.ts')));
  hash.update(JSON.parse(readFileSync(require.resolve('bullmq/package.json'), 'utf8')).version);
  return hash.digest('hex').slice(0, 16);
}

declare global {
  /** Set by the globalSetup for the globalTeardown (both run in Jest's main process). */
  var shinsaTemplateRun: { end(): Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  await dropTemplatesOfEndedRuns(client);
  const runNo = randomInt(1, 2 ** 31 - 1);
  await client.query('SELECT pg_advisory_lock($1, $2)', [RUN_LOCK_CLASS, runNo]);
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}_${runNo}`;
  process.env[TEMPLATE_ENV] = template;
  globalThis.shinsaTemplateRun = {
    end: async () => {
      try {
        await dropTemplate(client, template);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Templates left by runs that never reached their teardown (interrupted): their run lock is
 * free. Templates of runs still going (another checkout's tests) hold theirs and are kept.
 */
async function dropTemplatesOfEndedRuns(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${TEMPLATE_PREFIX.replaceAll('_', '\\_')}%`],
  );
  for (const { datname } of rows) {
    const runNo = Number(/_(\d+)$/.exec(datname)?.[1]);
    if (!Number.isInteger(runNo)) continue;
    const { rows: lock } = await client.query<{ free: boolean }>(
      'SELECT pg_try_advisory_lock($1, $2) AS free',
      [RUN_LOCK_CLASS, runNo],
    );
    if (!lock[0].free) continue;
    try {
      await dropTemplate(client, datname);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [RUN_LOCK_CLASS, runNo]);
    }
  }
}

async function dropTemplate(client: pg.Client, name: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) return;
  await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
