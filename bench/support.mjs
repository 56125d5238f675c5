/*
 * What the benchmark scripts share: where the build and the generator are, and fresh
 * databases on the machine's PostgreSQL (BENCH_ADMIN_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist', 'server');
export const CLI = join(DIST, 'cli.js');
/** The bundle generator the tests use (vendored from the shared folder: see its README). */
export const GENERATOR = join(ROOT, 'test', 'support', 'generator', 'gen-bundle.mjs');
const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Stops with a clear message when the build is missing. */
export function assertBuilt() {
  if (!existsSync(CLI)) {
    console.error('dist/server/cli.js is missing: run `npm run build` first');
    process.exit(2);
  }
}

async function admin(sql, adminUrl = ADMIN_URL) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database (on another server with `adminUrl`); `drop()` removes it. */
export async function createDatabase(prefix, adminUrl = ADMIN_URL) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`, adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, adminUrl),
  };
}

/**
 * The environment of the product's processes run by a benchmark: its own database, queues on
 * PostgreSQL under the database's name, a fresh data folder, quiet logs.
 */
export function benchEnv(db, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: '',
    QUEUE_PREFIX: db.name,
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-bench-data-')),
    ...extra,
  };
}
