import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DIST } from './run-node.js';

/**
 * A worker process as production runs it (`main.js --role worker`, built), for tests that kill
 * it or take its database or Redis away. Its output is kept for the failure message.
 */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Whether it is still running. */
  alive(): boolean;
  kill(): void;
}

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [join(DIST, 'main.js'), '--role', 'worker'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_BOOT: 'false',
      WORKER_CONCURRENCY: '2',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-worker-')),
      ...env,
    },
    cwd: join(DIST, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** How many dossiers were judged at their current inputs, of how many. */
export async function checkedCount(url: string): Promise<{ checked: number; total: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE checked_version >= inputs_version)::int AS checked,
              count(*)::int AS total FROM dossiers`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
