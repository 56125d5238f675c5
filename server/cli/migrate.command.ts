import { migrateDatabase } from '../database/migrator.js';
import { EXIT, type Io } from './io.js';
import { withDatabase } from './services.js';

/** `migrate`: applies the pending migrations. */
export function migrateCommand(io: Io): Promise<number> {
  return withDatabase(
    async (booted) => {
      const report = await migrateDatabase(booted.runtime.databaseUrl, {
        queueOnPostgres: !booted.runtime.config.redisUrl,
      });
      io.out(
        report,
        report.applied.length > 0
          ? `${report.applied.length} 件のマイグレーションを適用しました: ${report.applied.join(', ')}`
          : 'データベースは最新です(適用するマイグレーションはありません)',
      );
      return EXIT.ok;
    },
    { migrate: false },
  );
}
