// `npm start` builds only when the sources changed since the last build (a build takes 30–80 s).
// The build's inputs are fingerprinted by content, so a checkout that touched files without
// changing them does not rebuild, and any edit, pull or dependency change does.
//   node server/build/up-to-date-build.mjs          build if stale
//   node server/build/up-to-date-build.mjs --stamp  record the fingerprint (after `npm run build`)
//   node server/build/up-to-date-build.mjs --check  exit 0 when up to date, 1 when not
// SHINSA_ROOT names another checkout (the tests use a small one).
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = process.env.SHINSA_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));
const STAMP = join(ROOT, 'dist', '.build-fingerprint');
const INPUTS = ['server', 'migrations', 'admin-ui'];
const FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const OUTPUTS = ['dist/server/main.js', 'dist/server/cli.js', 'dist/admin-ui/index.html'];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && !/\.spec\.tsx?$/.test(entry.name)) yield path;
  }
}

function fingerprint() {
  const hash = createHash('sha256');
  const paths = [
    ...INPUTS.flatMap((dir) => [...walk(join(ROOT, dir))]),
    ...FILES.map((file) => join(ROOT, file)).filter((path) => existsSync(path)),
  ].sort();
  for (const path of paths) {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

const current = fingerprint();
if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, current + '\n');
} else {
  const built =
    OUTPUTS.every((file) => existsSync(join(ROOT, file))) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === current;
  if (process.argv.includes('--check')) {
    process.exitCode = built ? 0 : 1;
  } else if (built) {
    console.error('The build is up to date with the sources: starting without rebuilding.');
  } else {
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
}
