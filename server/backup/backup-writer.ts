import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { InvalidInputError } from '../common/domain-errors.js';
import { to as copyTo } from 'pg-copy-streams';
import tar from 'tar-stream';
import {
  BACKED_UP_FOLDERS,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  fileEntry,
  MANIFEST_ENTRY,
  tableEntry,
  type BackupFile,
  type BackupManifest,
  type BackupTable,
} from './backup-manifest.js';
import { foreignKeyOrder, publicTables, quoted } from './database-tables.js';

/** Counts and hashes what passes through. */
function hasher(): Transform & { bytes: number; digest(): string } {
  const hash = createHash('sha256');
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      counted.bytes += chunk.length;
      done(null, chunk);
    },
  });
  const counted = Object.assign(t, { bytes: 0, digest: () => hash.digest('hex') });
  return counted;
}

/**
 * One snapshot of the database: every table of the public schema as COPY text (staged on disk,
 * because a tar entry states its size first), the sequences and the applied migrations.
 */
async function dumpDatabase(
  databaseUrl: string,
  staging: string,
): Promise<Pick<BackupManifest, 'postgresVersion' | 'migrations' | 'tables' | 'sequences'>> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'shinsa-backup',
  });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The first query takes the snapshot every COPY below reads.
    const tables = await publicTables(client);
    if (!tables.some((t) => t.name === 'migrations')) {
      throw new InvalidInputError(
        'データベースに migrations テーブルがありません。Shinsa のデータベースでないか、まだマイグレーションしていません(cli migrate を実行してください)',
      );
    }
    const order = await foreignKeyOrder(
      client,
      tables.map((t) => t.name),
    );
    const { rows: migrations } = await client.query<{ name: string }>(
      'SELECT name FROM migrations ORDER BY id',
    );
    const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value
         FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const dumped: BackupTable[] = [];
    for (const name of order) {
      const columns = tables.find((t) => t.name === name)!.columns;
      const copy = client.query(
        copyTo(`COPY ${quoted(name)} (${columns.map(quoted).join(', ')}) TO STDOUT`),
      );
      const hash = hasher();
      await pipeline(copy, hash, createWriteStream(join(staging, `${name}.copy`)));
      dumped.push({
        name,
        columns,
        rows: copy.rowCount,
        entry: tableEntry(name),
        bytes: hash.bytes,
        sha256: hash.digest(),
      });
    }
    await client.query('COMMIT');
    return {
      postgresVersion: version[0].server_version,
      migrations: migrations.map((m) => m.name),
      tables: dumped,
      sequences,
    };
  } finally {
    await client.end();
  }
}

/** The regular files under DATA_DIR's backed-up folders, as paths relative to DATA_DIR. */
async function dataFiles(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of BACKED_UP_FOLDERS) {
    const entries = await readdir(join(dataDir, folder), {
      recursive: true,
      withFileTypes: true,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const e of entries) {
      if (!e.isFile()) continue;
      found.push(relative(dataDir, join(e.parentPath, e.name)).split(sep).join('/'));
    }
  }
  return found.sort();
}

export interface BackupSummary {
  file: string;
  manifest: BackupManifest;
  bytes: number;
}

/**
 * Writes the backup to `out` (a .tar.gz): table data, then the files of DATA_DIR listed after
 * the snapshot was taken (so every file a row names is there: files are written before the rows
 * that name them and never changed), then manifest.json. Written beside `out` and renamed at the
 * end, so a failed backup leaves no half file.
 */
export async function writeBackup(options: {
  databaseUrl: string;
  dataDir: string;
  out: string;
}): Promise<BackupSummary> {
  // When the snapshot is taken: the backup holds the database as it was then.
  const createdAt = new Date().toISOString();
  const staging = await mkdtemp(join(dirname(options.out), '.shinsa-backup-'));
  const partial = join(staging, 'backup.tar.gz');
  try {
    const database = await dumpDatabase(options.databaseUrl, staging);
    const paths = await dataFiles(options.dataDir);
    const pack = tar.pack();
    const written = pipeline(pack, createGzip(), createWriteStream(partial));
    const entry = async (name: string, size: number, from: string): Promise<string> => {
      const hash = hasher();
      const sink = pack.entry({ name, size, mode: 0o644, mtime: new Date() });
      await pipeline(createReadStream(from), hash, sink);
      if (hash.bytes !== size) {
        throw new Error(
          `${from} changed while it was backed up (${size} bytes, then ${hash.bytes})`,
        );
      }
      return hash.digest();
    };
    let manifest: BackupManifest;
    try {
      for (const t of database.tables)
        await entry(t.entry, t.bytes, join(staging, `${t.name}.copy`));
      const files: BackupFile[] = [];
      for (const path of paths) {
        const from = join(options.dataDir, path);
        // A file removed since it was listed (an old export cleaned up) is not referenced by
        // the snapshot's rows either: leave it out.
        const size = await stat(from).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) continue;
        files.push({ path, size, sha256: await entry(fileEntry(path), size, from) });
      }
      manifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        createdAt,
        postgresVersion: database.postgresVersion,
        migrations: database.migrations,
        queues: 'not-included',
        tables: database.tables,
        sequences: database.sequences,
        files,
      };
      const json = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      pack.entry({ name: MANIFEST_ENTRY, size: json.length, mode: 0o644 }, json);
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
      await written.catch(() => undefined);
      throw error;
    }
    await written;
    await rename(partial, options.out);
    return { file: options.out, manifest, bytes: (await stat(options.out)).size };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
