import { Logger } from '@nestjs/common';
import { runMigrations as runQueueMigrations } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/** One number for "Shinsa migrates this database"; advisory locks are per database. */
const MIGRATION_LOCK_KEY = 4_712_330_021;

const logger = new Logger('Migrator');

export interface MigrationReport {
  applied: string[];
  queueSchemaVersion: number | null;
}

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so several processes starting
 * at once migrate exactly once: the first holds the lock, the others wait and find nothing to do.
 * With the queues on PostgreSQL, BullMQ's own schema is migrated too (it has its own lock).
 */
export async function migrate(
  dataSource: DataSource,
  options: { queueOnPostgres: boolean },
): Promise<MigrationReport> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) logger.log(`Applied migration ${m.name}`);
      let queueSchemaVersion: number | null = null;
      if (options.queueOnPostgres) {
        const client = (runner as unknown as { databaseConnection: unknown }).databaseConnection;
        queueSchemaVersion = await runQueueMigrations(
          client as Parameters<typeof runQueueMigrations>[0],
        );
      }
      return { applied: applied.map((m) => m.name), queueSchemaVersion };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Opens a short-lived connection to `url`, migrates it, and closes it. */
export async function migrateDatabase(
  url: string,
  options: { queueOnPostgres: boolean },
): Promise<MigrationReport> {
  // A small pool is enough to migrate.
  const dataSource = await new DataSource(dataSourceOptions(url, { max: 2 })).initialize();
  try {
    return await migrate(dataSource, options);
  } finally {
    await dataSource.destroy();
  }
}
