import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { DataSource, MigrationExecutor, type DataSourceOptions } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { migrateDatabase } from '../database/migrator.js';
import {
  BACKED_UP_FOLDERS,
  fileEntry,
  safeFilePath,
  type BackupManifest,
} from './backup-manifest.js';
import { readEntries } from './backup-reader.js';
import { foreignKeyOrder, publicTables, quoted, rowCounts } from './database-tables.js';

/** Tables a freshly migrated database already fills (the migrations' list, the seeded round). */
const FILLED_BY_MIGRATIONS = new Set(['migrations', 'rounds']);

/** What the target holds before a restore. */
export interface RestoreTarget {
  /** Other connections of the application (application_name shinsa): a server runs on it. */
  serverConnections: number;
  /** Tables in the public schema, with rows or not. */
  tables: number;
  appliedMigrations: string[];
  /** Rows per table, tables with rows only. */
  rows: Record<string, number>;
  /** Files per backed-up folder of DATA_DIR, folders with files only. */
  files: Record<string, number>;
}

/** Pure: what the target holds beyond what migrations alone put in it; empty when nothing. */
export function targetContents(target: RestoreTarget): string[] {
  const held = Object.entries(target.rows)
    .filter(([table]) => !FILLED_BY_MIGRATIONS.has(table))
    .map(([table, n]) => `テーブル ${table} ${n} 行`);
  for (const [folder, n] of Object.entries(target.files)) {
    held.push(`DATA_DIR の ${folder}/ ${n} ファイル`);
  }
  return held;
}

async function countFiles(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'shinsa-restore',
  });
  await client.connect();
  return client;
}

export async function inspectTarget(databaseUrl: string, dataDir: string): Promise<RestoreTarget> {
  const client = await connect(databaseUrl);
  try {
    const { rows: sessions } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name = 'shinsa'`,
    );
    const tables = (await publicTables(client)).map((t) => t.name);
    const counts = await rowCounts(client, tables);
    const appliedMigrations = tables.includes('migrations')
      ? (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map(
          (r) => r.name,
        )
      : [];
    const files: Record<string, number> = {};
    for (const folder of BACKED_UP_FOLDERS) {
      const n = await countFiles(join(dataDir, folder));
      if (n > 0) files[folder] = n;
    }
    return {
      serverConnections: Number(sessions[0].n),
      tables: tables.length,
      appliedMigrations,
      rows: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
      files,
    };
  } finally {
    await client.end();
  }
}

export interface RestoreSummary {
  /** Rows loaded per table. */
  tables: Record<string, number>;
  files: number;
  fileBytes: number;
  /** Whether the schema was dropped and rebuilt first (--force, or another migration level). */
  schemaRebuilt: boolean;
  /** Foreign keys were switched off while loading (session_replication_role), or rows loaded in their order. */
  loadedWith: 'replica' | 'foreign-key-order';
  /** Migrations applied after the load, up to this code's. */
  migratedAfter: string[];
}

/** The load was refused and rolled back: the target is as it was. */
export class RestoreLoadError extends Error {}

/** Drops the application's schemas (public, and BullMQ's), for a schema to be built anew. */
async function dropSchema(client: pg.ClientBase): Promise<void> {
  await client.query('DROP SCHEMA IF EXISTS bullmq CASCADE');
  await client.query('DROP SCHEMA public CASCADE');
  await client.query('CREATE SCHEMA public');
}

/**
 * Loads the (verified) backup into the target in one transaction: the schema rebuilt when the
 * target holds another (--force, or another migration level), the backup's migrations, every
 * table and the sequences; a refused row leaves the target as it was. Then the files, then the
 * migrations this code adds.
 */
export async function restoreBackup(options: {
  file: string;
  manifest: BackupManifest;
  databaseUrl: string;
  dataDir: string;
  target: RestoreTarget;
  queueOnPostgres: boolean;
}): Promise<RestoreSummary> {
  const { manifest, databaseUrl, dataDir, target } = options;
  const level = manifest.migrations.length;
  const sameLevel =
    target.appliedMigrations.length === level &&
    target.appliedMigrations.every((n, i) => n === manifest.migrations[i]);
  const schemaRebuilt = targetContents(target).length > 0 || (!sameLevel && target.tables > 0);

  const staging = join(dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  const dataSource = await new DataSource({
    ...dataSourceOptions(databaseUrl, { max: 1, application_name: 'shinsa-restore' }),
    migrations: MIGRATIONS.slice(0, level),
  } as DataSourceOptions).initialize();
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as pg.PoolClient;
  let loadedWith: RestoreSummary['loadedWith'] = 'replica';
  const loaded: Record<string, number> = {};
  let fileBytes = 0;
  try {
    await runner.startTransaction();
    if (schemaRebuilt) await dropSchema(client);
    // The backup's migrations on this transaction's connection, not in transactions of their own.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'none';
    await executor.executePendingMigrations();
    await client.query('SAVEPOINT replica');
    try {
      // Foreign keys and triggers off while loading: needs a superuser (the embedded one) or the
      // SET privilege; otherwise the backup's tables come in their foreign-key order.
      await client.query('SET LOCAL session_replication_role = replica');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT replica');
      loadedWith = 'foreign-key-order';
    }
    const tables = await publicTables(client);
    for (const t of manifest.tables) {
      const there = tables.find((x) => x.name === t.name);
      const missing = there ? t.columns.filter((c) => !there.columns.includes(c)) : [];
      if (!there || missing.length > 0) {
        throw new Error(
          `The schema built by the backup's migrations has no ${there ? `columns ${missing.join(', ')} in table` : 'table'} ${t.name}.`,
        );
      }
    }
    // What the migrations just put in (the seeded round, their own list) gives way to the backup.
    const filled = Object.entries(
      await rowCounts(
        client,
        tables.map((t) => t.name),
      ),
    )
      .filter(([, n]) => n > 0)
      .map(([name]) => name);
    for (const name of (await foreignKeyOrder(client, filled)).reverse()) {
      await client.query(`DELETE FROM ${quoted(name)}`);
    }
    const byEntry = new Map(manifest.tables.map((t) => [t.entry, t]));
    const byFile = new Map(manifest.files.map((f) => [fileEntry(f.path), f]));
    await readEntries(options.file, async (name, _size, stream) => {
      const table = byEntry.get(name);
      const file = byFile.get(name);
      if (table) {
        const copy = client.query(
          copyFrom(
            `COPY ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) FROM STDIN`,
          ),
        );
        await pipeline(stream, copy).catch((error: Error) => {
          throw new Error(`table ${table.name}: ${error.message}`, { cause: error });
        });
        if (copy.rowCount !== table.rows) {
          throw new Error(
            `${table.name}: ${copy.rowCount} rows loaded, the manifest says ${table.rows}.`,
          );
        }
        loaded[table.name] = copy.rowCount;
      } else if (file && safeFilePath(file.path)) {
        const to = join(staging, file.path);
        await mkdir(dirname(to), { recursive: true });
        await pipeline(stream, createWriteStream(to, { mode: 0o644 }));
        fileBytes += file.size;
      } else {
        stream.resume();
      }
    });
    for (const s of manifest.sequences) {
      await client.query(`SELECT setval(format('%I.%I', 'public', $1::text)::regclass, $2, $3)`, [
        s.name,
        s.value ?? '1',
        s.value !== null,
      ]);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw new RestoreLoadError((error as Error).message, { cause: error });
  } finally {
    await runner.release();
    await dataSource.destroy();
  }

  // The rows are in: the files take the place of DATA_DIR's (checked empty unless --force).
  for (const folder of BACKED_UP_FOLDERS) {
    await rm(join(dataDir, folder), { recursive: true, force: true });
    if (existsSync(join(staging, folder)))
      await rename(join(staging, folder), join(dataDir, folder));
  }
  await rm(staging, { recursive: true, force: true });

  const after = await migrateDatabase(databaseUrl, { queueOnPostgres: options.queueOnPostgres });
  return {
    tables: loaded,
    files: manifest.files.length,
    fileBytes,
    schemaRebuilt,
    loadedWith,
    migratedAfter: after.applied,
  };
}
