import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { SessionEntity } from '../auth/session.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { ImportRunEntity } from '../imports/import-run.entity.js';
import { FacilityEntity } from '../masters/facility.entity.js';
import { MeetingEntity } from '../masters/meeting.entity.js';
import { SocietyEntity } from '../masters/society.entity.js';
import { RoundEntity } from '../rounds/round.entity.js';

export const ENTITIES = [
  RoundEntity,
  UserEntity,
  SessionEntity,
  ImportRunEntity,
  SocietyEntity,
  MeetingEntity,
  FacilityEntity,
];

// PostgreSQL `date` values are calendar days: keep them as 'YYYY-MM-DD', never as a JS Date
// shifted by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * The one DataSource options object, used by the application, the CLI and the tests; `pool`
 * narrows the pool of a short-lived connection (migrations, a restore) or names it apart.
 */
export function dataSourceOptions(
  url: string,
  pool: { max?: number; application_name?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    extra: { max: 10, application_name: 'shinsa', ...pool },
  };
}
