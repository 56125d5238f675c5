import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUE_BACKEND_KIND } from '../queues/queue.module.js';
import type { QueueBackendKind } from '../queues/queue-connection.js';
import { SystemService } from '../system/system.service.js';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  queue: 'ok' | 'error';
  queueBackend: QueueBackendKind;
  /** The parts that did not answer, with their errors; absent when all is well. */
  failing?: { part: 'database' | 'queue'; error: string }[];
}

const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly system: SystemService,
    @Inject(QUEUE_BACKEND_KIND) private readonly queueBackend: QueueBackendKind,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, queue] = await Promise.allSettled([
      withTimeout(this.dataSource.query('SELECT 1'), 'PostgreSQL'),
      withTimeout(this.system.probe(), `The queue backend (${this.queueBackend})`),
    ]);
    const failing: NonNullable<HealthReport['failing']> = [];
    if (database.status === 'rejected')
      failing.push({
        part: 'database',
        error: String(database.reason?.message ?? database.reason),
      });
    if (queue.status === 'rejected')
      failing.push({ part: 'queue', error: String(queue.reason?.message ?? queue.reason) });
    return {
      status: failing.length === 0 ? 'ok' : 'error',
      database: database.status === 'fulfilled' ? 'ok' : 'error',
      queue: queue.status === 'fulfilled' ? 'ok' : 'error',
      queueBackend: this.queueBackend,
      ...(failing.length > 0 ? { failing } : {}),
    };
  }
}
