import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.mjs';

/** @returns {Promise<boolean>} */
function accepting(/** @type {number} */ port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A Redis of a test's or a benchmark's own: see private-redis.d.mts. */
export async function startPrivateRedis() {
  const port = await freePort();
  /** @type {import('node:child_process').ChildProcess} */
  let server;
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10000;
    while (!(await accepting(port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    restartEmpty: async () => {
      await stop();
      await start();
    },
    stop,
  };
}
