import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../../server/database/data-source-options.js';
import { migrateDatabase } from '../../server/database/migrator.js';
import { createTestDatabase, TestDatabase } from '../support/test-env.js';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(false);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('several processes migrating at once apply each migration exactly once', async () => {
    const reports = await Promise.all(
      Array.from({ length: 5 }, () => migrateDatabase(db.url, { queueOnPostgres: true })),
    );
    const applied = reports.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(reports.every((r) => (r.queueSchemaVersion ?? 0) > 0)).toBe(true);

    const again = await migrateDatabase(db.url, { queueOnPostgres: true });
    expect(again.applied).toEqual([]);
  });

  it('ships the 2021 round and never synchronises the schema', async () => {
    const options = dataSourceOptions(db.url);
    expect(options.synchronize).toBe(false);
    const dataSource = await new DataSource(options).initialize();
    try {
      const [round] = await dataSource.query(
        `SELECT id, label, postmark_deadline, fees, requirements, pin_badge_at_renewal,
                to_char(registration_deadline AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI:SS') AS registration
           FROM rounds`,
      );
      expect(round).toEqual({
        id: '2021',
        label: '2021年度',
        postmark_deadline: '2021-09-30',
        fees: { review: 11000, certification: 22000, handling: 110 },
        requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
        pin_badge_at_renewal: 2,
        registration: '2021-09-16 23:59:59',
      });
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
