import {
  createPostgresBackend,
  createRedisBackend,
  setDefaultBackendFactory,
  type QueueOptions,
  type RedisOptions,
} from 'bullmq';

export type QueueBackendKind = 'redis' | 'postgres';

/** ioredis options for a redis:// or rediss:// URL, honouring a database number in its path. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    db: db ? Number(db) : 0,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    maxRetriesPerRequest: null,
  };
}

export interface QueueBackendSettings {
  kind: QueueBackendKind;
  /** The options every queue and worker of this process is built with. */
  options: QueueOptions;
}

/**
 * Chooses the queue backend: Redis when REDIS_URL is set, else BullMQ's PostgreSQL backend in
 * the application's own database (schema `bullmq`). BullMQ's factory is process-wide, so it
 * is set here, once, before any queue is built.
 */
export function configureQueueBackend(
  redisUrl: string | null,
  databaseUrl: string,
  prefix: string,
): QueueBackendSettings {
  if (redisUrl) {
    setDefaultBackendFactory(createRedisBackend);
    return { kind: 'redis', options: { connection: redisOptionsFromUrl(redisUrl), prefix } };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return {
    kind: 'postgres',
    options: {
      connection: {
        connectionString: databaseUrl,
        max: 4,
      } as unknown as QueueOptions['connection'],
      prefix,
    },
  };
}
