import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import tar from 'tar-stream';
import { DataSource } from 'typeorm';
import { generateBundle } from '../support/bundles.js';
import { assertBuilt, runNode } from '../support/run-node.js';
import {
  createTestDatabase,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from '../support/test-env.js';

/** `cli backup` and `cli restore`, run as an operator runs them. */
jest.setTimeout(240000);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A checksum of every table's rows (all columns, generated ones too), by table. */
async function tableChecksums(
  url: string,
  where: Record<string, string> = {},
): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await query<{ sum: string; n: string }>(
      url,
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum, count(*) AS n
         FROM ${name} t ${where[name] ?? ''}`,
    );
    sums[name] = `${row.n}:${row.sum}`;
  }
  return sums;
}

/** sha256 of every file under the folder (none when it is missing), by path. */
function fileChecksums(dir: string): Record<string, string> {
  const sums: Record<string, string> = {};
  if (!existsSync(dir)) return sums;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    sums[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return sums;
}

/**
 * A copy of the backup with one entry's bytes changed; with `resign`, the manifest states the new
 * size and sha256 (a file that passes the checks but holds rows PostgreSQL refuses).
 */
async function withEntryChanged(
  file: string,
  entry: string,
  out: string,
  change: (body: string) => string,
  resign = false,
): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  let changed: { size: number; sha256: string } | null = null;
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      let body = Buffer.concat(chunks);
      if (header.name === entry) {
        body = Buffer.from(change(body.toString('utf8')));
        changed = { size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
      }
      if (header.name === 'manifest.json' && resign && changed) {
        const manifest = JSON.parse(body.toString('utf8'));
        const table = manifest.tables.find((t: { entry: string }) => t.entry === entry);
        Object.assign(table, { bytes: changed.size, sha256: changed.sha256 });
        body = Buffer.from(JSON.stringify(manifest));
      }
      pack.entry({ ...header, size: body.length }, body, next);
    });
  });
  extract.on('finish', () => pack.finalize());
  await Promise.all([
    pipeline(createReadStream(file), createGunzip(), extract),
    pipeline(pack, createGzip(), createWriteStream(out)),
  ]);
}

describe('backup and restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let work: string;
  let sourceDir: string;
  let targetDir: string;
  let backupFile: string;

  beforeAll(async () => {
    assertBuilt();
    source = await createTestDatabase();
    target = await createTestDatabase(false);
    work = mkdtempSync(join(tmpdir(), 'shinsa-backup-'));
    sourceDir = join(work, 'source-data');
    targetDir = join(work, 'target-data');
    backupFile = join(work, 'shinsa.tar.gz');
    const imported = await runNode(
      'cli.js',
      ['import', generateBundle({ applicants: 6, seed: 26, scans: true }), '--round', '2021'],
      { DATABASE_URL: source.url, DATA_DIR: sourceDir },
    );
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await source.drop();
    await target.drop();
  });

  it('backs up while the server writes, and restores every row and file into a fresh database', async () => {
    const app: TestApp = await startTestApp({
      databaseUrl: source.url,
      dataDir: sourceDir,
      workers: false,
    });
    const dataSource = app.app.get(DataSource);
    // Writes in pairs, one transaction each: a consistent snapshot holds whole pairs only.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await dataSource.transaction(async (tx) => {
          for (let i = 0; i < 2; i++) {
            await tx.query(
              `INSERT INTO audit_events (actor, action, entity) VALUES ('test', 'test.write', 'test')`,
            );
          }
        });
      }
    })();
    try {
      const backup = await runNode('cli.js', ['backup', '--out', backupFile, '--json'], {
        DATABASE_URL: source.url,
        DATA_DIR: sourceDir,
      });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({
        file: backupFile,
        tables: { dossiers: 6 },
      });
    } finally {
      writing = false;
      await writer;
      await app.close();
    }

    const restored = await runNode('cli.js', ['restore', backupFile], {
      DATABASE_URL: target.url,
      DATA_DIR: targetDir,
    });
    expect(restored.stderr).toMatch(/dossiers: 6 行/);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /バックアップを復元しました: テーブル \d+ 個・\d+ 行、ファイル \d+ 個/,
    );

    // The audit trail went on after the snapshot (the writer, backup.created) and the target
    // recorded its restore: compare the rows the snapshot held.
    const [{ last }] = await query<{ last: string }>(
      target.url,
      `SELECT max(id)::text AS last FROM audit_events WHERE action <> 'backup.restored'`,
    );
    const snapshotRows = { audit_events: `WHERE id <= ${last}` };
    expect(
      await tableChecksums(target.url, {
        ...snapshotRows,
        audit_events: `WHERE id <= ${last} AND action <> 'backup.restored'`,
      }),
    ).toEqual(await tableChecksums(source.url, snapshotRows));
    const [{ writes }] = await query<{ writes: number }>(
      target.url,
      `SELECT count(*)::int AS writes FROM audit_events WHERE action = 'test.write'`,
    );
    expect(writes).toBeGreaterThan(0);
    expect(writes % 2).toBe(0);
    // The restore's own event comes after the restored ones: the sequences were set.
    const [restoredEvent] = await query<{ id: string }>(
      target.url,
      `SELECT id::text AS id FROM audit_events WHERE action = 'backup.restored'`,
    );
    expect(BigInt(restoredEvent.id)).toBeGreaterThan(BigInt(last));
    const [createdEvent] = await query<{ action: string }>(
      source.url,
      `SELECT action FROM audit_events WHERE action = 'backup.created'`,
    );
    expect(createdEvent).toBeDefined();

    const scans = fileChecksums(join(sourceDir, 'scans'));
    expect(Object.keys(scans).length).toBeGreaterThan(0);
    expect(fileChecksums(join(targetDir, 'scans'))).toEqual(scans);
    for (const folder of ['imports', 'exports']) {
      expect(fileChecksums(join(targetDir, folder))).toEqual(
        fileChecksums(join(sourceDir, folder)),
      );
    }
  });

  it('refuses a database that is not empty unless --force, and then says what it replaces', async () => {
    const env = { DATABASE_URL: target.url, DATA_DIR: targetDir };
    const before = await tableChecksums(target.url);
    const refused = await runNode('cli.js', ['restore', backupFile], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /復元先が空ではありません: テーブル .*dossiers 6 行.*DATA_DIR の scans\/ \d+ ファイル.*--force/,
    );
    expect(await tableChecksums(target.url)).toEqual(before);

    const forced = await runNode('cli.js', ['restore', backupFile, '--force', '--json'], env);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/--force: .*消えるもの: .*dossiers 6 行/);
    expect(JSON.parse(forced.stdout)).toMatchObject({
      schemaRebuilt: true,
      tables: { dossiers: 6 },
    });
  });

  it('refuses a truncated or corrupt backup naming the problem, leaving the target as it was', async () => {
    const env = { DATABASE_URL: target.url, DATA_DIR: targetDir };
    const before = await tableChecksums(target.url);
    const beforeFiles = fileChecksums(targetDir);

    const truncated = join(work, 'truncated.tar.gz');
    const bytes = readFileSync(backupFile);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const cut = await runNode('cli.js', ['restore', truncated, '--force'], env);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/途中で切れています/);
    expect(cut.stderr).toMatch(/何も変更していません/);

    const corrupt = join(work, 'corrupt.tar.gz');
    await withEntryChanged(backupFile, 'tables/dossiers.copy', corrupt, (body) =>
      body.replace(/1/g, '2'),
    );
    const changed = await runNode('cli.js', ['restore', corrupt, '--force', '--json'], env);
    expect(changed.code).toBe(2);
    expect(JSON.parse(changed.stdout).problems).toEqual([
      'tables/dossiers.copy の中身が manifest.json と一致しません(壊れています)',
    ]);

    expect(await tableChecksums(target.url)).toEqual(before);
    expect(fileChecksums(targetDir)).toEqual(beforeFiles);
  });

  it('loads in one transaction: rows PostgreSQL refuses leave a forced target as it was', async () => {
    const env = { DATABASE_URL: target.url, DATA_DIR: targetDir };
    const before = await tableChecksums(target.url);
    const beforeFiles = fileChecksums(targetDir);
    const refusedRows = join(work, 'refused-rows.tar.gz');
    // The last table loaded, after the schema was dropped and every other table loaded.
    await withEntryChanged(
      backupFile,
      'tables/worker_heartbeats.copy',
      refusedRows,
      (body) => `${body}not\ta\trow\n`,
      true,
    );
    const failed = await runNode('cli.js', ['restore', refusedRows, '--force'], env);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/worker_heartbeats/);
    expect(await tableChecksums(target.url)).toEqual(before);
    expect(fileChecksums(targetDir)).toEqual(beforeFiles);
  });

  it('refuses to restore under a running server, saying to stop it', async () => {
    const app = await startTestApp({ databaseUrl: target.url, dataDir: targetDir, workers: false });
    try {
      const external = await runNode('cli.js', ['restore', backupFile, '--force'], {
        DATABASE_URL: target.url,
        DATA_DIR: targetDir,
      });
      expect(external.code).toBe(2);
      expect(external.stderr).toMatch(/サーバーが接続しています.*止めてから/);
    } finally {
      await app.close();
    }
    // The embedded PostgreSQL of a data folder, held by a live process (here this one).
    const embeddedDir = join(work, 'embedded-data');
    mkdirSync(join(embeddedDir, 'postgres'), { recursive: true });
    writeFileSync(
      join(embeddedDir, 'postgres', 'postmaster.pid'),
      `${process.pid}\n${embeddedDir}\n0\n54329\n`,
    );
    const embedded = await runNode('cli.js', ['restore', backupFile], { DATA_DIR: embeddedDir });
    expect(embedded.code).toBe(2);
    expect(embedded.stderr).toMatch(/サーバーが動いていて.*ポート 54329.*止めてから/);
  });
});
