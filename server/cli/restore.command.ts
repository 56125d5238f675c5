import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MIGRATIONS } from '../../migrations/index.js';
import { BackupFileError, verifyBackup } from '../backup/backup-reader.js';
import {
  inspectTarget,
  RestoreLoadError,
  restoreBackup,
  targetContents,
} from '../backup/backup-restorer.js';
import { loadConfig } from '../config/app-config.js';
import { embeddedServerHolder } from '../database/embedded-database.js';
import { megabytes } from './backup.command.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { recordCliAudit, withDatabase } from './services.js';

function refuse(io: Io, message: string, details: Record<string, unknown> = {}): number {
  io.say(message);
  if (io.json) io.out({ error: message, ...details }, '');
  return EXIT.invalid;
}

/**
 * `restore <file.tar.gz> [--force]`: the backup into this configuration's database and DATA_DIR,
 * which must be empty (--force: replaced), with no server running on them.
 */
export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    throw new UsageError(
      'restore: 復元するバックアップファイルを 1 つ指定してください(例: restore shinsa-2026-12-04.tar.gz)',
    );
  }
  const file = resolve(positionals[0]);
  const started = Date.now();
  const config = loadConfig(process.env);
  // A running server's embedded PostgreSQL would be reused, and the server would keep writing.
  const holder = config.databaseUrl ? null : await embeddedServerHolder(config.dataDir);
  if (holder) {
    return refuse(
      io,
      `サーバーが動いていて、データフォルダ(${config.dataDir})を使っています(PostgreSQL のプロセス ${holder.pid}、ポート ${holder.port})。` +
        'サーバーとワーカーを止めてから、もう一度 restore を実行してください',
    );
  }
  let manifest;
  try {
    manifest = await verifyBackup(
      file,
      MIGRATIONS.map((m) => m.name),
    );
  } catch (error) {
    if (!(error instanceof BackupFileError)) throw error;
    for (const p of error.problems) io.say(`${file}: ${p}`);
    io.say('何も変更していません');
    if (io.json) io.out({ file, problems: error.problems }, '');
    return EXIT.invalid;
  }
  return withDatabase(
    async (booted) => {
      const databaseUrl = booted.runtime.databaseUrl;
      const dataDir = booted.runtime.config.dataDir;
      const target = await inspectTarget(databaseUrl, dataDir);
      if (target.serverConnections > 0) {
        return refuse(
          io,
          `このデータベースにはサーバーが接続しています(接続 ${target.serverConnections} 本)。サーバーとワーカーを止めてから、もう一度 restore を実行してください`,
        );
      }
      const held = targetContents(target);
      if (held.length > 0 && !values.force) {
        return refuse(
          io,
          `復元先が空ではありません: ${held.join('、')}。` +
            '消してバックアップの内容に置き換えるなら --force を付けて実行してください(残したいなら先に backup を取ってください)',
          { held },
        );
      }
      if (held.length > 0) {
        io.say(
          `--force: データベースのテーブルとキュー(public・bullmq スキーマ)を消して、バックアップの内容に置き換えます。消えるもの: ${held.join('、')}`,
        );
      }
      let summary;
      try {
        summary = await restoreBackup({
          file,
          manifest,
          databaseUrl,
          dataDir,
          target,
          queueOnPostgres: !booted.runtime.config.redisUrl,
        });
      } catch (error) {
        if (!(error instanceof RestoreLoadError)) throw error;
        const message =
          `${file}: データベースがバックアップの行を受け付けませんでした(${error.message})。` +
          '読み込みを取り消したので、データベースとデータフォルダは元のままです。バックアップを作った版の Shinsa で復元するか、別のバックアップを使ってください';
        io.say(message);
        if (io.json) io.out({ file, error: message }, '');
        return EXIT.internal;
      }
      const rows = Object.values(summary.tables).reduce((sum, n) => sum + n, 0);
      await recordCliAudit(databaseUrl, {
        action: 'backup.restored',
        entity: 'backup',
        entityId: file,
        before: held.length > 0 ? { replaced: held } : undefined,
        after: { createdAt: manifest.createdAt, rows, files: summary.files },
      });
      const filled = Object.entries(summary.tables).filter(([, n]) => n > 0);
      for (const [table, n] of filled) io.say(`  ${table}: ${n} 行`);
      io.say(`  (ほか ${Object.keys(summary.tables).length - filled.length} テーブルは空)`);
      io.out(
        {
          file,
          createdAt: manifest.createdAt,
          ...summary,
          replaced: held,
          seconds: (Date.now() - started) / 1000,
        },
        `${manifest.createdAt} のバックアップを復元しました: テーブル ${Object.keys(summary.tables).length} 個・${rows} 行、ファイル ${summary.files} 個(${megabytes(summary.fileBytes)})` +
          (summary.migratedAfter.length > 0
            ? `。その後マイグレーションを ${summary.migratedAfter.length} 件適用しました`
            : ''),
      );
      return EXIT.ok;
    },
    { migrate: false },
  );
}
