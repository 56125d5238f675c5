/**
 * The manifest of a backup file (`cli backup`): what it holds, so a restore can check the file
 * before it touches anything. Pure: no database, no disk.
 */

export const BACKUP_FORMAT = 'shinsa-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The folders of DATA_DIR a backup holds; uploads/ (temporary) and postgres/ are left out. */
export const BACKED_UP_FOLDERS = ['scans', 'exports', 'imports'] as const;

export interface BackupTable {
  name: string;
  /** The columns written, in order (generated columns are left out: PostgreSQL computes them). */
  columns: string[];
  rows: number;
  /** The COPY text of the table, its entry in the archive. */
  entry: string;
  bytes: number;
  sha256: string;
}

export interface BackupSequence {
  name: string;
  /** null when the sequence was never used. */
  value: string | null;
}

export interface BackupFile {
  /** Relative to DATA_DIR, e.g. scans/ab/abcdef…; its archive entry is files/<path>. */
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** The server's version, for the record (a restore may go to another version). */
  postgresVersion: string;
  /** The migrations applied to the database, in order. */
  migrations: string[];
  /** BullMQ's schema (queues on PostgreSQL) is not kept: the reconciler finds lost work again. */
  queues: 'not-included';
  tables: BackupTable[];
  sequences: BackupSequence[];
  files: BackupFile[];
}

export const MANIFEST_ENTRY = 'manifest.json';

export function tableEntry(table: string): string {
  return `tables/${table}.copy`;
}

export function fileEntry(path: string): string {
  return `files/${path}`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A file's path is safe to restore: relative, under a backed-up folder, no `..`. */
export function safeFilePath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1024) return false;
  const parts = path.split('/');
  return (
    (BACKED_UP_FOLDERS as readonly string[]).includes(parts[0]) &&
    parts.length > 1 &&
    parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\'))
  );
}

/**
 * Why a manifest cannot be restored by this code (its migrations named by `knownMigrations`,
 * in order), in Japanese; empty when it can.
 */
export function manifestProblems(value: unknown, knownMigrations: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['manifest.json がオブジェクトではありません'];
  }
  const m = value as Partial<Record<keyof BackupManifest, unknown>>;
  if (m.format !== BACKUP_FORMAT) {
    return [`Shinsa のバックアップではありません(format が「${String(m.format)}」)`];
  }
  if (m.version !== BACKUP_FORMAT_VERSION) {
    return [
      `バックアップの形式 ${String(m.version)} はこの版では読めません(読めるのは ${BACKUP_FORMAT_VERSION})。バックアップを作った版の Shinsa で復元してください`,
    ];
  }
  const problems: string[] = [];
  if (!Array.isArray(m.migrations) || !m.migrations.every((n) => typeof n === 'string')) {
    problems.push('migrations が名前の一覧ではありません');
  } else {
    const unknown = m.migrations.filter((n) => !knownMigrations.includes(n));
    if (unknown.length > 0) {
      problems.push(
        `バックアップにはこの版の知らないマイグレーションが適用されています(${unknown.join(', ')})。新しい版の Shinsa で復元してください`,
      );
    } else if (m.migrations.some((n, i) => knownMigrations[i] !== n)) {
      problems.push(
        'バックアップのマイグレーションの順序がこの版と一致しません。バックアップを作った版の Shinsa で復元してください',
      );
    }
  }
  if (!Array.isArray(m.tables) || m.tables.length === 0) {
    problems.push('tables がありません');
  } else {
    const names = new Set<string>();
    for (const t of m.tables as Partial<BackupTable>[]) {
      const name = String(t?.name);
      if (!IDENTIFIER.test(name)) problems.push(`テーブル名「${name}」が正しくありません`);
      else if (names.has(name)) problems.push(`テーブル ${name} が 2 回あります`);
      names.add(name);
      if (!Array.isArray(t.columns) || !t.columns.every((c) => IDENTIFIER.test(String(c)))) {
        problems.push(`テーブル ${name} の列名が正しくありません`);
      }
      if (!isCount(t.rows) || !isCount(t.bytes) || !SHA256.test(String(t.sha256))) {
        problems.push(`テーブル ${name} の行数・大きさ・sha256 が正しくありません`);
      }
      if (t.entry !== tableEntry(name))
        problems.push(`テーブル ${name} の entry が正しくありません`);
    }
    if (!names.has('migrations')) problems.push('migrations テーブルがありません');
  }
  if (
    !Array.isArray(m.sequences) ||
    !(m.sequences as Partial<BackupSequence>[]).every(
      (s) =>
        IDENTIFIER.test(String(s?.name)) &&
        (s.value === null || (typeof s.value === 'string' && /^-?\d+$/.test(s.value))),
    )
  ) {
    problems.push('sequences が正しくありません');
  }
  if (!Array.isArray(m.files)) {
    problems.push('files がありません');
  } else {
    const paths = new Set<string>();
    for (const f of m.files as Partial<BackupFile>[]) {
      if (!safeFilePath(f?.path)) {
        problems.push(
          `ファイル「${String(f?.path)}」は復元できる場所(${BACKED_UP_FOLDERS.join('/, ')}/)にありません`,
        );
        continue;
      }
      if (paths.has(f.path)) problems.push(`ファイル ${f.path} が 2 回あります`);
      paths.add(f.path);
      if (!isCount(f.size) || !SHA256.test(String(f.sha256))) {
        problems.push(`ファイル ${f.path} の大きさか sha256 が正しくありません`);
      }
    }
  }
  return problems;
}
