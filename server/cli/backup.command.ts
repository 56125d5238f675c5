import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup } from '../backup/backup-writer.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { recordCliAudit, withDatabase } from './services.js';

/**
 * `backup --out <file.tar.gz>`: the database (one snapshot) and DATA_DIR's stored files in one
 * file, while the server runs.
 */
export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.out) {
    throw new UsageError('backup: --out <file.tar.gz> で書き出すファイルを指定してください');
  }
  const out = resolve(values.out);
  if (!existsSync(dirname(out))) {
    const message = `backup: 書き出し先のフォルダ ${dirname(out)} がありません。作ってから、もう一度実行してください`;
    io.say(message);
    if (io.json) io.out({ error: message }, '');
    return EXIT.invalid;
  }
  return withDatabase(
    async (booted) => {
      const started = Date.now();
      const { manifest, bytes } = await writeBackup({
        databaseUrl: booted.runtime.databaseUrl,
        dataDir: booted.runtime.config.dataDir,
        out,
      });
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      const fileBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
      await recordCliAudit(booted.runtime.databaseUrl, {
        action: 'backup.created',
        entity: 'backup',
        entityId: out,
        after: { tables: manifest.tables.length, rows, files: manifest.files.length, bytes },
      });
      io.out(
        {
          file: out,
          bytes,
          createdAt: manifest.createdAt,
          migrations: manifest.migrations.length,
          tables: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
          files: manifest.files.length,
          fileBytes,
          seconds: (Date.now() - started) / 1000,
        },
        `バックアップを書き出しました: ${out}(${megabytes(bytes)})。テーブル ${manifest.tables.length} 個・${rows} 行、ファイル ${manifest.files.length} 個(${megabytes(fileBytes)})`,
      );
      return EXIT.ok;
    },
    { migrate: false },
  );
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
