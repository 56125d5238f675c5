/** Types of private-redis.mjs. */
/**
 * A Redis of a test's or a benchmark's own on a free port, keeping nothing on disk (`--save ''`, no append-only
 * file): stopped and started again, it comes back empty, as a Redis without persistence does.
 */
export interface PrivateRedis {
  url: string;
  /** Stops it (SIGKILL) and starts it again, empty; resolves once it accepts connections. */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

export function startPrivateRedis(): Promise<PrivateRedis>;
