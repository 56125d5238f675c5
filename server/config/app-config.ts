import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Which parts of the application this process runs. */
export type ProcessRole = 'all' | 'api' | 'worker';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

export type LogLevelName = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevelName[] = ['error', 'warn', 'log', 'debug', 'verbose'];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The validated configuration of one process. Built once at boot by {@link loadConfig}. */
export interface AppConfig {
  /** PostgreSQL connection string, or null for the embedded PostgreSQL under dataDir. */
  databaseUrl: string | null;
  /** Redis for the job queues, or null for BullMQ's PostgreSQL backend. */
  redisUrl: string | null;
  port: number;
  host: string;
  /** Absolute path of the folder holding embedded PostgreSQL data and stored files. */
  dataDir: string;
  embeddedPgPort: number;
  logLevel: LogLevelName;
  /** JSON lines, readable lines, or `auto`: readable in a terminal, JSON otherwise. */
  logFormat: LogFormat;
  /** Key prefix of every queue key in Redis, so deployments sharing a Redis stay apart. */
  queuePrefix: string;
  migrateOnBoot: boolean;
  workerConcurrency: number;
  /** Dossiers one job of the checks queue judges at once (their inputs in one query). */
  checkBatchSize: number;
  /** Seconds between two rounds of the workers' reconciler (lost checks, imports, readings). */
  reconcileEverySeconds: number;
  /** OCR workers of a worker process: pages it reads at once (each holds the Japanese model). */
  scanReaders: number;
  /** Largest upload, and largest size a zip bundle may expand to, in bytes. */
  importMaxBytes: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  role: ProcessRole;
  /** Absolute path of the built console (admin-ui) served at `/`. */
  consoleDir: string;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses, CIDR ranges or Express's names
   * loopback / linklocal / uniquelocal). Empty: the client is the connecting address.
   */
  trustedProxies: string[];
  /** Origins besides the request's own host allowed to send state-changing requests. */
  allowedOrigins: string[];
  /** Bearer token a Prometheus scraper sends to /api/metrics; null: metrics are not served. */
  metricsToken: string | null;
  /** Port a worker process (no HTTP of its own) serves its /metrics on; null: none. */
  metricsPort: number | null;
  /** SMTP server of the e-mail outbox (smtp:// or smtps://), or null: messages stay unsent. */
  smtpUrl: string | null;
  /** The From of every e-mail. */
  mailFrom: string;
  /** Test mode: every e-mail goes to this one address instead of its recipient; null: off. */
  mailTestRecipient: string | null;
  /** E-mails a worker process hands to the SMTP server per second at most. */
  mailRatePerSecond: number;
}

interface VariableSpec<K extends keyof AppConfig> {
  key: K;
  description: string;
  /** Default as written in the environment; undefined means "unset is allowed and means null". */
  default?: string;
  parse(raw: string): AppConfig[K];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A thrown message names what is wrong and what is accepted; the variable is added by the caller. */
function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error(`must be a whole number from ${min} to ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function secret(minLength: number) {
  return (raw: string): string => {
    if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters`);
    return raw;
  };
}

function boolean(raw: string): boolean {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error('must be true or false');
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new Error(`must be one of ${values.join(', ')}`);
    }
    return raw as T;
  };
}

function url(protocols: string[]) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`must be a URL such as ${protocols[0]}//host:port/…`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new Error(`must start with ${protocols.join(' or ')}//`);
    }
    return raw;
  };
}

function redisUrl(raw: string): string {
  url(['redis:', 'rediss:'])(raw);
  const db = new URL(raw).pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) {
    throw new Error('may name a database only by its number, as in redis://127.0.0.1:6379/5');
  }
  return raw;
}

/** One e-mail address (local@domain, no display name). */
export function emailAddress(raw: string): string {
  if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(raw)) {
    throw new Error('must be one e-mail address such as jimukyoku@example.jp');
  }
  return raw;
}

/** A From header: an address, or a display name and an address (`事務局 <jimu@example.jp>`). */
function mailbox(raw: string): string {
  const named = /^(.+?)\s*<([^<>]+)>$/.exec(raw);
  emailAddress(named ? named[2].trim() : raw);
  return raw;
}

function prefix(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(raw)) {
    throw new Error('must be 1–40 letters, digits, "_" or "-"');
  }
  return raw;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** A comma-separated list of proxy addresses, CIDR ranges or Express's named ranges. */
export function proxyList(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      rest.length > 0 ||
      (bits !== undefined && !/^\d+$/.test(bits)) ||
      +bits > max
    ) {
      throw new Error(
        `has "${entry}": list addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, ::1) or ${PROXY_NAMES.join(', ')}, separated by commas`,
      );
    }
  }
  return entries;
}

/** A comma-separated list of origins (scheme://host[:port]), each without a path. */
export function originList(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    let parsed: URL | null = null;
    try {
      parsed = new URL(entry);
    } catch {
      // reported below
    }
    if (
      !parsed ||
      !['http:', 'https:'].includes(parsed.protocol) ||
      parsed.origin !== entry.replace(/\/$/, '')
    ) {
      throw new Error(
        `has "${entry}": list origins such as https://shinsa.example.jp (scheme, host and port only), separated by commas`,
      );
    }
    return parsed.origin;
  });
}

/**
 * Every environment variable the application reads, with its meaning and default.
 * README.md's configuration table is this list.
 */
export const VARIABLES: { [K in keyof AppConfig]: VariableSpec<K> & { env: string } } = {
  databaseUrl: {
    env: 'DATABASE_URL',
    key: 'databaseUrl',
    description:
      'PostgreSQL connection string. Unset: an embedded PostgreSQL is started with its data under DATA_DIR/postgres.',
    parse: url(['postgres:', 'postgresql:']),
  },
  redisUrl: {
    env: 'REDIS_URL',
    key: 'redisUrl',
    description:
      'Redis for the job queues, optionally with a database number (redis://host:6379/5). Unset: the queues run on PostgreSQL.',
    parse: redisUrl,
  },
  port: {
    env: 'PORT',
    key: 'port',
    description: 'HTTP port of the API and the console.',
    default: '3000',
    parse: integer(1, 65535),
  },
  host: {
    env: 'HOST',
    key: 'host',
    description: 'Address the HTTP server listens on.',
    default: '0.0.0.0',
    parse: (raw) => raw,
  },
  dataDir: {
    env: 'DATA_DIR',
    key: 'dataDir',
    description: 'Folder for the embedded PostgreSQL and stored files (scans, exports).',
    default: '.data',
    parse: (raw) => resolve(raw),
  },
  embeddedPgPort: {
    env: 'EMBEDDED_PG_PORT',
    key: 'embeddedPgPort',
    description: 'Port of the embedded PostgreSQL (only when DATABASE_URL is unset).',
    default: '54329',
    parse: integer(1, 65535),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    key: 'logLevel',
    description: 'Most detailed log level written: error, warn, log, debug or verbose.',
    default: 'log',
    parse: oneOf(LOG_LEVELS),
  },
  logFormat: {
    env: 'LOG_FORMAT',
    key: 'logFormat',
    description:
      'How the server writes its log: json (a JSON object a line, for a collector), pretty (readable lines) or auto (pretty in a terminal, json otherwise).',
    default: 'auto',
    parse: oneOf(LOG_FORMATS),
  },
  queuePrefix: {
    env: 'QUEUE_PREFIX',
    key: 'queuePrefix',
    description:
      'Prefix of every queue key in Redis; give each deployment sharing one Redis its own.',
    default: 'shinsa',
    parse: prefix,
  },
  migrateOnBoot: {
    env: 'MIGRATE_ON_BOOT',
    key: 'migrateOnBoot',
    description:
      'Apply pending migrations at start-up (under an advisory lock, so several processes may start at once).',
    default: 'true',
    parse: boolean,
  },
  workerConcurrency: {
    env: 'WORKER_CONCURRENCY',
    key: 'workerConcurrency',
    description:
      'Jobs one worker process runs at once, per queue (checks wait on the database more than on the CPU).',
    default: '8',
    parse: integer(1, 64),
  },
  checkBatchSize: {
    env: 'CHECK_BATCH_SIZE',
    key: 'checkBatchSize',
    description:
      'Dossiers of a round one checks job judges at once: their inputs read in one query, their results saved in one transaction (a dossier that fails is retried alone).',
    default: '100',
    parse: integer(1, 1000),
  },
  reconcileEverySeconds: {
    env: 'RECONCILE_SECONDS',
    key: 'reconcileEverySeconds',
    description:
      'Seconds between two rounds of the reconciler of worker processes (also run at their start): it queues again every dossier whose inputs are ahead of its last check, every import left running by a lost worker and every envelope not read, whose jobs were lost.',
    default: '60',
    parse: integer(1, 3600),
  },
  scanReaders: {
    env: 'SCAN_READERS',
    key: 'scanReaders',
    description:
      'Scanned pages a worker process reads at once (OCR workers, about 150 MB each; one per core is right).',
    default: '2',
    parse: integer(1, 16),
  },
  importMaxBytes: {
    env: 'IMPORT_MAX_MB',
    key: 'importMaxBytes',
    description:
      'Largest import in megabytes: all files of one upload together, and what a zip bundle may expand to (a zip bomb stops there).',
    default: '2048',
    parse: (raw) => integer(1, 1024 * 1024)(raw) * 1024 * 1024,
  },
  sessionTtlHours: {
    env: 'SESSION_TTL_HOURS',
    key: 'sessionTtlHours',
    description: 'Hours a console session stays valid without a new login.',
    default: '12',
    parse: integer(1, 24 * 30),
  },
  cookieSecure: {
    env: 'COOKIE_SECURE',
    key: 'cookieSecure',
    description: 'Mark the session cookie Secure (set true when served over HTTPS).',
    default: 'false',
    parse: boolean,
  },
  role: {
    env: 'SHINSA_ROLE',
    key: 'role',
    description:
      'What this process runs: all (API and workers), api, or worker. The --role flag overrides it.',
    default: 'all',
    parse: oneOf(PROCESS_ROLES),
  },
  consoleDir: {
    env: 'CONSOLE_DIR',
    key: 'consoleDir',
    description: 'Folder of the built console served at /.',
    default: 'dist/admin-ui',
    parse: (raw) => resolve(raw),
  },
  trustedProxies: {
    env: 'TRUSTED_PROXIES',
    key: 'trustedProxies',
    description:
      'Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses, CIDR ranges, or loopback / linklocal / uniquelocal). Unset: none; login limits count the connecting address.',
    default: '',
    parse: proxyList,
  },
  allowedOrigins: {
    env: 'ALLOWED_ORIGINS',
    key: 'allowedOrigins',
    description:
      'Origins besides the address the request was sent to that may send changes (comma-separated, as https://shinsa.example.jp), for a proxy that rewrites Host.',
    default: '',
    parse: originList,
  },
  metricsToken: {
    env: 'METRICS_TOKEN',
    key: 'metricsToken',
    description:
      'Token (16+ characters) a Prometheus scraper sends as "Authorization: Bearer …" to read /api/metrics. Unset: no metrics are served.',
    parse: secret(16),
  },
  metricsPort: {
    env: 'METRICS_PORT',
    key: 'metricsPort',
    description:
      'Port on which a worker process (--role worker, no HTTP server) serves /metrics with the same token. Unset: a worker serves none.',
    parse: integer(1, 65535),
  },
  smtpUrl: {
    env: 'SMTP_URL',
    key: 'smtpUrl',
    description:
      'SMTP server the e-mail outbox sends through (smtp://user:password@host:587, or smtps://host:465 for TLS from the start). Unset: approved e-mails stay in the outbox as 未送信, downloadable as .eml.',
    parse: url(['smtp:', 'smtps:']),
  },
  mailFrom: {
    env: 'MAIL_FROM',
    key: 'mailFrom',
    description:
      'The From of every e-mail: an address, or a name and an address (事務局 <jimukyoku@example.jp>).',
    default: 'Shinsa <no-reply@localhost.localdomain>',
    parse: mailbox,
  },
  mailTestRecipient: {
    env: 'MAIL_TEST_RECIPIENT',
    key: 'mailTestRecipient',
    description:
      'Test mode: every e-mail is sent to this one address instead of its applicant (the subject names the real recipient). Unset: off.',
    parse: emailAddress,
  },
  mailRatePerSecond: {
    env: 'MAIL_RATE_PER_SECOND',
    key: 'mailRatePerSecond',
    description:
      'E-mails one worker process hands to the SMTP server per second at most (keep under the provider’s limit).',
    default: '20',
    parse: integer(1, 1000),
  },
};

/**
 * Reads and validates the environment into one typed object. Every problem is reported at
 * once, naming the variable, so a wrong deployment stops at boot with one clear message.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const spec of Object.values(VARIABLES)) {
    const raw = env[spec.env]?.trim();
    const value = raw === undefined || raw === '' ? spec.default : raw;
    if (value === undefined) {
      config[spec.key] = null;
      continue;
    }
    try {
      config[spec.key] = spec.parse(value);
    } catch (error) {
      problems.push(`${spec.env}=${JSON.stringify(raw)} ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...(config as unknown as AppConfig), ...overrides };
}

/** Nest's log levels from the most detailed one wanted. */
export function logLevelsUpTo(level: LogLevelName): LogLevelName[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
