import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUE_BACKEND_KIND } from '../queues/queue.module.js';
import type { QueueBackendKind } from '../queues/queue-connection.js';
import { SystemService } from '../system/system.service.js';
import { WorkerHeartbeatRepository } from './worker-heartbeat.repository.js';
import { HEARTBEAT_FRESH_SECONDS } from './worker-heartbeat.service.js';

export type HealthPart = 'database' | 'queue' | 'worker';

/**
 * What `GET /api/health` answers, to anybody: which parts answer, never why one does not (the
 * errors go to the log).
 */
export interface HealthReport {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  queue: 'ok' | 'error';
  /** A worker process was seen in the last minute; `unknown` when the database is away. */
  worker: 'ok' | 'error' | 'unknown';
  queueBackend: QueueBackendKind;
  /** The parts that do not answer; absent when all is well. */
  failing?: HealthPart[];
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
  private readonly logger = new Logger(HealthService.name);
  /** The parts that failed at the last check, so each failure is logged once, not per probe. */
  private failed = new Set<HealthPart>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly system: SystemService,
    private readonly heartbeats: WorkerHeartbeatRepository,
    @Inject(QUEUE_BACKEND_KIND) private readonly queueBackend: QueueBackendKind,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, queue] = await Promise.allSettled([
      withTimeout(
        this.dataSource
          .query('SELECT 1')
          .then(() => this.heartbeats.seenWithin(HEARTBEAT_FRESH_SECONDS)),
        'PostgreSQL',
      ),
      withTimeout(this.system.probe(), `The queue backend (${this.queueBackend})`),
    ]);
    const workers = database.status === 'fulfilled' ? database.value : null;
    const errors = new Map<HealthPart, string>();
    if (database.status === 'rejected') {
      errors.set('database', String(database.reason?.message ?? database.reason));
    }
    if (queue.status === 'rejected') {
      errors.set('queue', String(queue.reason?.message ?? queue.reason));
    }
    if (workers === 0) {
      errors.set('worker', `no worker process seen in the last ${HEARTBEAT_FRESH_SECONDS} s`);
    }
    this.log(errors);
    const failing = [...errors.keys()];
    return {
      status: failing.length === 0 ? 'ok' : 'error',
      database: database.status === 'fulfilled' ? 'ok' : 'error',
      queue: queue.status === 'fulfilled' ? 'ok' : 'error',
      worker: workers === null ? 'unknown' : workers > 0 ? 'ok' : 'error',
      queueBackend: this.queueBackend,
      ...(failing.length > 0 ? { failing } : {}),
    };
  }

  /** Each part that starts failing is logged with its error, and again when it answers. */
  private log(errors: Map<HealthPart, string>): void {
    for (const [part, error] of errors) {
      if (!this.failed.has(part)) this.logger.error(`Health: ${part} failing: ${error}`);
    }
    for (const part of this.failed) {
      if (!errors.has(part)) this.logger.log(`Health: ${part} answers again`);
    }
    this.failed = new Set(errors.keys());
  }
}
