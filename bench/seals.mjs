#!/usr/bin/env node
/*
 * Seal detector accuracy (issue 7): generated scans (`gen-bundle.mjs --scans`) carry a
 * director's seal on each case sheet and the applicant's seal on the cover, except where the
 * generator left one out on purpose (expected.json: `fail-candidate`). The detector reads every
 * page and its proposals are compared with that truth.
 *
 *   npm run build && npm run bench:seals [-- --applicants 1000] [--defects 0.5] [--seed 7]
 *
 * Prints the confusion matrix per kind of page, accuracy, and how sure the detector was.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assertBuilt, DIST, GENERATOR, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '1000' },
    defects: { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '7' },
  },
});
assertBuilt();
const { decodePage, detectSeal, pageRoles } = await import(join(DIST, 'mail', 'seal-detector.js'));

const out = mkdtempSync(join(tmpdir(), 'shinsa-bench-seals-'));
execFileSync(
  process.execPath,
  [
    GENERATOR,
    '--out',
    out,
    '--applicants',
    values.applicants,
    '--scans',
    '--defects',
    values.defects,
    '--seed',
    values.seed,
    '--quiet',
  ],
  { cwd: ROOT },
);
const expected = JSON.parse(readFileSync(join(out, 'expected.json'), 'utf8'));
// 受付番号 → 認定番号, from the mail room's log.
const receipts = new Map(
  readFileSync(join(out, 'mail.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map((cells) => [cells[0], cells[5]]),
);
const pages = new Map();
for (const file of readdirSync(join(out, 'scans'))) {
  const [, receiptNo, page] = /^(.*)-(\d+)\.png$/.exec(file);
  if (!pages.has(receiptNo)) pages.set(receiptNo, []);
  pages.get(receiptNo).push({ file, page: Number(page) });
}

const tally = { cover: newTally(), sheet: newTally() };
const confidences = [];
const started = performance.now();
let analysed = 0;
for (const [receiptNo, files] of pages) {
  const applicant = expected.applicants[receipts.get(receiptNo)];
  if (!applicant) continue;
  const sheetNos = Object.keys(applicant.expect)
    .filter((k) => k.startsWith('doc.seal@sheet:'))
    .map((k) => Number(k.split(':')[1]));
  files.sort((a, b) => a.page - b.page);
  const roles = pageRoles(files.length, sheetNos);
  files.forEach(({ file }, i) => {
    const role = roles[i];
    if (role.kind === 'other') return;
    const key = role.kind === 'cover' ? 'doc.cover' : `doc.seal@sheet:${role.sheetNo}`;
    const present = applicant.expect[key] !== 'fail-candidate';
    const finding = detectSeal(
      decodePage(readFileSync(join(out, 'scans', file)), 'image/png'),
      role,
    );
    analysed++;
    confidences.push(finding.confidence);
    const t = tally[role.kind];
    const outcome = present
      ? finding.proposal === 'found'
        ? 'truePresent'
        : 'falseMissing'
      : finding.proposal === 'missing'
        ? 'trueMissing'
        : 'falsePresent';
    t[outcome]++;
  });
}
const ms = performance.now() - started;

function newTally() {
  return { truePresent: 0, falseMissing: 0, trueMissing: 0, falsePresent: 0 };
}
const summary = (t) => {
  const total = t.truePresent + t.falseMissing + t.trueMissing + t.falsePresent;
  return {
    ...t,
    pages: total,
    accuracy: total ? Math.round((10000 * (t.truePresent + t.trueMissing)) / total) / 10000 : null,
    missingFound: `${t.trueMissing} of ${t.trueMissing + t.falsePresent}`,
  };
};
confidences.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      applicants: Number(values.applicants),
      defects: Number(values.defects),
      pagesAnalysed: analysed,
      msPerPage: Math.round((ms / analysed) * 100) / 100,
      sheets: summary(tally.sheet),
      covers: summary(tally.cover),
      lowestConfidence: confidences[0],
      medianConfidence: confidences[Math.floor(confidences.length / 2)],
    },
    null,
    2,
  ),
);
