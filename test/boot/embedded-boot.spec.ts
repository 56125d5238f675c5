import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port.mjs';
import { assertBuilt, DIST, runNode } from '../support/run-node.js';
import { eventually } from '../support/test-env.js';

/**
 * The README's first command on a fresh machine: no DATABASE_URL, no REDIS_URL. The server
 * starts an embedded PostgreSQL under DATA_DIR, runs the queues on it, serves the console,
 * stops cleanly, and finds its data again on the next start.
 */
describe('start on embedded defaults', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    // Parents must be traversable by the postgres user when running as root.
    dataDir = join(mkdtempSync(join(tmpdir(), 'shinsa-boot-')), 'data');
    env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      CONSOLE_DIR: join(DIST, '..', 'admin-ui'),
    };
    require('node:fs').chmodSync(join(dataDir, '..'), 0o755);
  });

  function start(): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [join(DIST, 'main.js')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      cwd: join(DIST, '..', '..'),
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    return { child, output: () => output };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    return exited;
  }

  async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${env.PORT}/api/health`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('serves health and the console, then stops the database with it', async () => {
    const server = start();
    try {
      const report = await eventually(
        async () => (await health()).status === 200 && health(),
        60000,
        'health 200',
      );
      expect(report.body).toEqual({
        status: 'ok',
        database: 'ok',
        queue: 'ok',
        worker: 'ok',
        queueBackend: 'postgres',
      });
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      const page = await fetch(`http://127.0.0.1:${env.PORT}/rounds`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const api404 = await fetch(`http://127.0.0.1:${env.PORT}/api/nothing-here`);
      expect(api404.status).toBe(404);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
    expect(server.output()).toMatch(/Creating the embedded PostgreSQL cluster/);
    expect(server.output()).toMatch(/Stopping the embedded PostgreSQL/);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('reuses its data on the next start, and the CLI shares the running database', async () => {
    const server = start();
    try {
      await eventually(async () => (await health()).status === 200, 60000, 'health 200');
      expect(server.output()).not.toMatch(/Creating the embedded PostgreSQL cluster/);
      // The CLI finds the server's PostgreSQL whatever port it was told, and says only its own
      // words unless asked for more.
      const elsewhere = { ...env, EMBEDDED_PG_PORT: String(await freePort()) };
      const cli = await runNode('cli.js', ['migrate', '--json'], elsewhere);
      expect(cli.code).toBe(0);
      expect(JSON.parse(cli.stdout).applied).toEqual([]);
      expect(cli.stderr).toBe('');
      const verbose = await runNode('cli.js', ['migrate', '--verbose'], elsewhere);
      expect(verbose.code).toBe(0);
      expect(verbose.stdout).toMatch(/最新です/);
      expect(verbose.stderr).toMatch(/Reusing the embedded PostgreSQL already running on port/);

      // A PostgreSQL that holds the folder but does not answer is named, not a stack trace.
      const holder = Number(
        readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      process.kill(holder, 'SIGSTOP');
      try {
        const held = await runNode('cli.js', ['migrate'], elsewhere);
        expect(held.code).toBe(3);
        expect(held.stderr).toContain('サーバーが動いていて、データフォルダ');
        expect(held.stderr).toContain(`プロセス ${holder}`);
        expect(held.stderr).not.toMatch(/\n\s+at /);
      } finally {
        process.kill(holder, 'SIGCONT');
      }
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
  });

  it('refuses to boot on a wrong variable, naming it', async () => {
    const result = await runNode('main.js', [], { ...env, LOG_LEVEL: 'chatty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /LOG_LEVEL="chatty" must be one of error, warn, log, debug, verbose/,
    );
    const role = await runNode('main.js', ['--role', 'cron'], env);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/--role=cron must be one of all, api, worker/);
  });
});
