import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../support/free-port.mjs';
import { assertBuilt, DIST } from '../support/run-node.js';
import { createTestDatabase, eventually, TestDatabase } from '../support/test-env.js';

/** The server's log as a collector reads it: JSON lines, each with its request. */
describe('structured logs', () => {
  let db: TestDatabase;
  let server: ChildProcess;
  let output = '';
  let baseUrl: string;

  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(DIST, 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        DATABASE_URL: db.url,
        PORT: String(port),
        LOG_FORMAT: 'json',
        QUEUE_PREFIX: `logs${port}`,
      },
    });
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(
      async () => (await fetch(`${baseUrl}/api/health`).catch(() => null))?.status === 200,
      60000,
      'the server up',
    );
  });

  afterAll(async () => {
    if (server.exitCode === null) {
      await new Promise((resolve) => {
        server.on('exit', resolve);
        server.kill('SIGTERM');
      });
    }
    await db?.drop();
  });

  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes JSON lines that carry the request id, given or made, and never the cookie', async () => {
    const refused = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Request-Id': 'proxy-req-42',
        Cookie: 'shinsa_session=secret-session-token',
      },
      body: JSON.stringify({ login: 'nobody', password: 'wrong-password-123' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('proxy-req-42');
    const made = await fetch(`${baseUrl}/api/dossiers`);
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);

    const warning = await eventually(
      async () => lines().find((l) => l.msg === 'Failed login for "nobody"') ?? null,
      10000,
      'the failed login in the log',
    );
    expect(warning).toMatchObject({
      level: 40,
      context: 'AuthService',
      req: { id: 'proxy-req-42' },
    });
    const completed = await eventually(
      async () =>
        lines().find(
          (l) => l.msg === 'request completed' && (l.req as { id: string }).id === madeId,
        ) ?? null,
      10000,
      'the request line',
    );
    expect(completed).toMatchObject({
      req: { method: 'GET', url: '/api/dossiers' },
      res: { statusCode: 401 },
    });
    expect(output).not.toContain('secret-session-token');
    expect(lines().find((l) => l.context === 'Main')).toMatchObject({ level: 30, pid: server.pid });
  });
});
