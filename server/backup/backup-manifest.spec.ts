import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  manifestProblems,
  safeFilePath,
  tableEntry,
  type BackupManifest,
} from './backup-manifest.js';

const KNOWN = ['InitialSchema1', 'ImportedData2', 'AuditTrail3'];
const SHA = 'a'.repeat(64);

function manifest(changes: Partial<Record<keyof BackupManifest, unknown>> = {}): unknown {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: '2026-12-04T12:00:00.000Z',
    postgresVersion: '18.4',
    migrations: ['InitialSchema1', 'ImportedData2'],
    queues: 'not-included',
    tables: [
      {
        name: 'migrations',
        columns: ['id', 'timestamp', 'name'],
        rows: 2,
        entry: tableEntry('migrations'),
        bytes: 80,
        sha256: SHA,
      },
      {
        name: 'dossiers',
        columns: ['id', 'cert_no'],
        rows: 0,
        entry: tableEntry('dossiers'),
        bytes: 0,
        sha256: SHA,
      },
    ],
    sequences: [
      { name: 'dossiers_id_seq', value: '12' },
      { name: 'users_id_seq', value: null },
    ],
    files: [{ path: 'scans/ab/abcdef', size: 10, sha256: SHA }],
    ...changes,
  };
}

describe('manifestProblems', () => {
  it('accepts a backup taken at this code’s migration level or an earlier one', () => {
    expect(manifestProblems(manifest(), KNOWN)).toEqual([]);
    expect(manifestProblems(manifest({ migrations: KNOWN }), KNOWN)).toEqual([]);
  });

  it('refuses what is not a Shinsa backup, or a format this code cannot read', () => {
    expect(manifestProblems('x', KNOWN)).toEqual(['manifest.json がオブジェクトではありません']);
    expect(manifestProblems(manifest({ format: 'tar' }), KNOWN)[0]).toMatch(
      /Shinsa のバックアップではありません/,
    );
    expect(manifestProblems(manifest({ version: 2 }), KNOWN)[0]).toMatch(
      /形式 2 はこの版では読めません/,
    );
  });

  it('names the migrations a newer version of Shinsa applied', () => {
    expect(manifestProblems(manifest({ migrations: [...KNOWN, 'Later4'] }), KNOWN)).toEqual([
      'バックアップにはこの版の知らないマイグレーションが適用されています(Later4)。新しい版の Shinsa で復元してください',
    ]);
    expect(manifestProblems(manifest({ migrations: ['ImportedData2'] }), KNOWN)[0]).toMatch(
      /順序がこの版と一致しません/,
    );
  });

  it('refuses tables, sequences and files it could not restore safely', () => {
    const problems = manifestProblems(
      manifest({
        tables: [
          {
            name: 'dossiers; DROP TABLE users',
            columns: [],
            rows: 0,
            entry: 'x',
            bytes: 0,
            sha256: SHA,
          },
          {
            name: 'rounds',
            columns: ['id'],
            rows: -1,
            entry: tableEntry('rounds'),
            bytes: 0,
            sha256: 'zz',
          },
        ],
        sequences: [{ name: 'x', value: 'twelve' }],
        files: [
          { path: '../../etc/passwd', size: 1, sha256: SHA },
          { path: 'postgres/PG_VERSION', size: 1, sha256: SHA },
          { path: 'scans/a', size: 1, sha256: SHA },
          { path: 'scans/a', size: 1, sha256: SHA },
        ],
      }),
      KNOWN,
    );
    expect(problems).toEqual([
      'テーブル名「dossiers; DROP TABLE users」が正しくありません',
      'テーブル dossiers; DROP TABLE users の entry が正しくありません',
      'テーブル rounds の行数・大きさ・sha256 が正しくありません',
      'migrations テーブルがありません',
      'sequences が正しくありません',
      'ファイル「../../etc/passwd」は復元できる場所(scans/, exports/, imports/)にありません',
      'ファイル「postgres/PG_VERSION」は復元できる場所(scans/, exports/, imports/)にありません',
      'ファイル scans/a が 2 回あります',
    ]);
  });
});

describe('safeFilePath', () => {
  it('allows only relative paths under the backed-up folders', () => {
    expect(safeFilePath('exports/123/list.csv')).toBe(true);
    expect(safeFilePath('scans')).toBe(false);
    expect(safeFilePath('scans/../postgres/x')).toBe(false);
    expect(safeFilePath('/scans/x')).toBe(false);
    expect(safeFilePath('uploads/x')).toBe(false);
    expect(safeFilePath('embedded-postgres.json')).toBe(false);
  });
});
