#!/usr/bin/env node
/*
 * Agreement with the generator (issue 4): compares every outcome of expected.json with the
 * results of `applications --json` for the same bundle.
 *
 *   npm run bench:agreement [-- --applicants 1000 --defects 0.3]   generate, import, check, compare
 *   node bench/agreement.mjs <bundle-dir> <applications.json>     compare files made elsewhere
 *
 * Every rule listed in expect must match; a case or attendance rule not listed must be pass;
 * `fail-candidate` (a proposal from reading the scans) must still be pending. Counts and verdicts too.
 * Prints the differences and exits 1 when there are any.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareWithExpected } from './agreement-compare.mjs';
import { assertBuilt, CLI, createDatabase, GENERATOR, ROOT } from './support.mjs';

/** Generates a bundle, imports it into a fresh database with --wait, and lists the dossiers. */
async function generateAndCheck(applicants, defects) {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shinsa-agreement-'));
  execFileSync(
    process.execPath,
    [GENERATOR, '--out', dir, '--applicants', applicants, '--defects', defects, '--quiet'],
    { cwd: ROOT },
  );
  const db = await createDatabase('shinsa_agreement');
  try {
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      QUEUE_PREFIX: db.name,
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'shinsa-agreement-data-')),
    };
    execFileSync(process.execPath, [CLI, 'import', dir, '--round', '2021', '--wait', '--json'], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(process.execPath, [CLI, 'applications', '--round', '2021', '--json'], {
      env,
      cwd: ROOT,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    return { dir, applications: JSON.parse(out) };
  } finally {
    await db.drop();
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
