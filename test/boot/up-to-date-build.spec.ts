import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'server', 'build', 'up-to-date-build.mjs');

/** `npm start` rebuilds only when a source changed, not on every start. */
describe('the up-to-date build check', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const run = (flag: string) =>
    spawnSync(process.execPath, [SCRIPT, flag], { env: { ...process.env, SHINSA_ROOT: root } })
      .status;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shinsa-build-'));
    write('server/main.ts', 'export {};\n');
    write('server/main.spec.ts', 'it.todo("x");\n');
    write('migrations/index.ts', 'export const MIGRATIONS = [];\n');
    write('admin-ui/src/App.tsx', 'export {};\n');
    write('package-lock.json', '{}\n');
    for (const output of [
      'dist/server/main.js',
      'dist/server/cli.js',
      'dist/admin-ui/index.html',
    ]) {
      write(output, '');
    }
  });

  it('is stale until a build records its sources, then up to date', () => {
    expect(run('--check')).toBe(1);
    expect(run('--stamp')).toBe(0);
    expect(run('--check')).toBe(0);
  });

  it('stays up to date when files are touched or tests edited, not when a source changes', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'server/main.ts'), later, later);
    write('server/main.spec.ts', 'it.todo("y");\n');
    expect(run('--check')).toBe(0);
    write('admin-ui/src/App.tsx', 'export const changed = true;\n');
    expect(run('--check')).toBe(1);
    expect(run('--stamp')).toBe(0);
    write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    expect(run('--check')).toBe(1);
  });
});
