import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Counters of limited requests in PostgreSQL, so every API process counts the same hits:
 * one row per key, counted in fixed windows by one atomic INSERT … ON CONFLICT.
 */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit of `key`; returns the hits of its current window and when that ends. */
  async hit(key: string, windowSeconds: number): Promise<{ hits: number; resetsAt: Date }> {
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE
          SET hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2)
                          THEN 1 ELSE r.hits + 1 END,
              window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2)
                                  THEN now() ELSE r.window_start END
       RETURNING hits, window_start + make_interval(secs => $2) AS resets_at`,
      [key, windowSeconds],
    )) as { hits: number; resets_at: Date }[];
    return { hits: rows[0].hits, resetsAt: rows[0].resets_at };
  }

  /** Drops counters whose window ended more than `olderThanSeconds` ago. */
  async prune(olderThanSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
  }
}
