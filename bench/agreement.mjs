#!/usr/bin/env node
/*
 * Agreement with the generator (issue 4): compares every outcome of expected.json with the
 * results of `applications --json` for the same bundle.
 *
 *   npm run bench:agreement [-- --applicants 1000 --defects 0.3]   generate, import, check, compare
 *   node bench/agreement.mjs <bundle-dir> <applications.json>     compare files made elsewhere
 *
 * Every rule listed in expect must match; a case or attendance rule not listed must be pass;
 * `fail-candidate` (a seal detector's proposal) must still be pending. Counts and verdicts too.
 * Prints the differences and exits 1 when there are any.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { compareWithExpected } from './agreement-compare.mjs';

/** Generates a bundle, imports it into a fresh database with --wait, and lists the dossiers. */
async function generateAndCheck(applicants, defects) {
  const root = join(import.meta.dirname, '..');
  const cli = join(root, 'dist', 'server', 'cli.js');
  const shared = process.env.SHINSA_SHARED_DIR ?? join(root, '..', 'shared');
  const adminUrl =
    process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dir = mkdtempSync(join(tmpdir(), 'shinsa-agreement-'));
  execFileSync(
    process.execPath,
    [
      join(shared, 'tools', 'gen-bundle.mjs'),
      '--out',
      dir,
      '--applicants',
      applicants,
      '--defects',
      defects,
      '--quiet',
    ],
    { cwd: root },
  );
  const name = `shinsa_agreement_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: name,
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-agreement-data-')),
    };
    execFileSync(process.execPath, [cli, 'import', dir, '--round', '2021', '--wait', '--json'], {
      env,
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(process.execPath, [cli, 'applications', '--round', '2021', '--json'], {
      env,
      cwd: root,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    return { dir, applications: JSON.parse(out) };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    applicants: { type: 'string', default: '1000' },
    defects: { type: 'string', default: '0.3' },
  },
});
let dir;
let applications;
if (positionals.length === 2) {
  dir = positionals[0];
  applications = JSON.parse(readFileSync(positionals[1], 'utf8'));
} else if (positionals.length === 0) {
  ({ dir, applications } = await generateAndCheck(values.applicants, values.defects));
} else {
  console.error(
    'usage: node bench/agreement.mjs [--applicants N --defects P] | <bundle-dir> <applications.json>',
  );
  process.exit(2);
}
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const { compared, differences } = compareWithExpected(expected, applications);
for (const d of differences.slice(0, 200))
  console.log(`${d.certNo} ${d.key}: expected ${d.want}, got ${d.got}`);
console.log(
  `${Object.keys(expected.applicants).length} dossiers, ${compared} outcomes compared, ${differences.length} differ`,
);
process.exit(differences.length ? 1 : 0);
