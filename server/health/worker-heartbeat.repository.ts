import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows of `worker_heartbeats`: one per worker process, seen every few seconds. */
@Injectable()
export class WorkerHeartbeatRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** This worker is alive (by the database's clock, so no two machines' clocks are compared). */
  async beat(id: string, host: string, pid: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (id, host, pid) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
      [id, host, pid],
    );
  }

  /** A worker that stops in order says so; a lost one's row just grows old. */
  async remove(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM worker_heartbeats WHERE id = $1`, [id]);
  }

  /** Rows of workers gone for a day: nobody reads them any more. */
  async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM worker_heartbeats WHERE seen_at < now() - interval '1 day'`,
    );
  }

  /** How many workers were seen in the last `seconds`. */
  async seenWithin(seconds: number): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM worker_heartbeats WHERE seen_at > now() - make_interval(secs => $1)`,
      [seconds],
    );
    return row.n;
  }
}
