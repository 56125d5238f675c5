import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Settings kept by key, each with who changed it last. */
@Injectable()
export class SettingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    key: string,
  ): Promise<{ value: unknown; updatedBy: string; updatedAt: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT value, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM settings WHERE key = $1`,
      [key],
    );
    return row ?? null;
  }

  async save(key: string, value: unknown, by: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO settings (key, value, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE
         SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, JSON.stringify(value), by],
    );
  }
}
