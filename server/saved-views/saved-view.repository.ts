import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SavedView } from './saved-view.views.js';

const COLUMNS = `id::text AS id, resource, name, filter, sort, shared, owner, created_at AS "createdAt"`;

/** Named list filters: each person's own and those shared with all staff. */
@Injectable()
export class SavedViewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The views `login` may use on a list: their own, then the shared ones, by name. */
  visibleTo(login: string, resource: string): Promise<SavedView[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM saved_views
        WHERE resource = $2 AND (owner = $1 OR shared)
        ORDER BY owner <> $1, name`,
      [login, resource],
    );
  }

  async find(id: string): Promise<SavedView | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: SavedView[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM saved_views WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Saves a view; a view of the same owner, list and name is replaced (saving again updates). */
  async save(view: Omit<SavedView, 'id' | 'createdAt'>): Promise<SavedView> {
    const rows: SavedView[] = await this.dataSource.query(
      `INSERT INTO saved_views (resource, name, filter, sort, shared, owner)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (resource, owner, name) DO UPDATE
         SET filter = EXCLUDED.filter, sort = EXCLUDED.sort, shared = EXCLUDED.shared
       RETURNING ${COLUMNS}`,
      [
        view.resource,
        view.name,
        JSON.stringify(view.filter),
        view.sort && JSON.stringify(view.sort),
        view.shared,
        view.owner,
      ],
    );
    return rows[0];
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM saved_views WHERE id = $1`, [id]);
  }
}
