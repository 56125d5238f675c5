import { targetContents } from './backup-restorer.js';

describe('targetContents', () => {
  it('counts a freshly migrated database (its list of migrations, the seeded round) as empty', () => {
    expect(
      targetContents({
        serverConnections: 0,
        tables: 32,
        appliedMigrations: ['InitialSchema1'],
        rows: { migrations: 19, rounds: 1 },
        files: {},
      }),
    ).toEqual([]);
  });

  it('names every table with rows and every folder with files', () => {
    expect(
      targetContents({
        serverConnections: 0,
        tables: 32,
        appliedMigrations: [],
        rows: { migrations: 19, dossiers: 300, audit_events: 4 },
        files: { scans: 12 },
      }),
    ).toEqual([
      'テーブル dossiers 300 行',
      'テーブル audit_events 4 行',
      'DATA_DIR の scans/ 12 ファイル',
    ]);
  });
});
