import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRows, generateBundle } from '../support/bundles.js';
import { assertBuilt, runNode } from '../support/run-node.js';
import {
  scanBundleEnvelopes,
  type ScannedEnvelope,
} from '../support/scan-pages/bundle-envelopes.js';
import { createTestDatabase, TestDatabase } from '../support/test-env.js';

interface DocCheck {
  rule: string;
  ref: string | null;
  outcome: string;
  proposal?: { finding: string; confidence: number; page: string | null; evidence: string } | null;
}

/**
 * From a bundle whose envelopes are scanner PDFs (JPEG pages; bilevel CCITT G4 pages of an
 * office copier) to the proposals of `applications --json` (interface.md), as a script runs it:
 * `import --wait` returns once the pages are read and the checks judged them.
 */
describe('reading the scans of an imported bundle', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let envelopes: ScannedEnvelope[];
  let applications: { certNo: string; checks: DocCheck[] }[];
  let importStderr: string;

  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: join(mkdtempSync(join(tmpdir(), 'shinsa-reading-')), '.data'),
      SCAN_READERS: '2',
    };
    const bundle = generateBundle({ applicants: 3, seed: 23, defects: 0 });
    const certNos = csvRows(bundle, 'applicants.csv').map((r) => r[0]);
    envelopes = await scanBundleEnvelopes(bundle, [
      { certNo: certNos[0], effect: 'clean' },
      { certNo: certNos[1], effect: 'bilevel-ccitt', defects: ['attendance-receipt'] },
      { certNo: certNos[2], effect: 'grey', defects: ['sheet-seal-missing'] },
    ]);
    const imported = await runNode('cli.js', ['import', bundle, '--round', '2021', '--wait'], env);
    importStderr = imported.stderr;
    expect(imported.code).toBe(0);
    const listed = await runNode('cli.js', ['applications', '--round', '2021', '--json'], env);
    expect(listed.code).toBe(0);
    applications = JSON.parse(listed.stdout);
  }, 600_000);

  afterAll(async () => {
    await db.drop();
  });

  it('waits for the reading, then for the checks it queued again', () => {
    expect(importStderr).toMatch(/郵便 3 通のスキャンの読み取りを待っています/);
    expect(importStderr).toMatch(/スキャンの読み取りがすべて終わりました/);
    expect(importStderr).toMatch(/チェックがすべて終わりました/);
  });

  it('proposes what a clerk finds on every document, JPEG and CCITT alike', () => {
    // How often the reader is right is the benchmark's measure (bench:documents); here the whole
    // way from a bundle's PDFs to applications --json: no shortfall ever proposed as found, and
    // nearly every proposal right.
    const misses: string[] = [];
    let proposals = 0;
    for (const envelope of envelopes) {
      const application = applications.find((a) => a.certNo === envelope.certNo)!;
      const docs = application.checks.filter((c) => c.rule.startsWith('doc.'));
      for (const expected of envelope.expected) {
        const check = docs.find((c) => c.rule === expected.rule && c.ref === expected.ref);
        const found = check?.proposal?.finding;
        proposals++;
        if (expected.finding !== 'found')
          expect({ ...expected, found }).not.toMatchObject({ found: 'found' });
        if (found !== expected.finding)
          misses.push(
            `${envelope.effect} ${expected.rule} ${expected.ref ?? ''}: ${found} (${check?.proposal?.evidence})`,
          );
      }
      // Every doc.* result carries a proposal, and a proposal never decides: still pending.
      for (const check of docs) {
        expect(check.proposal).toBeTruthy();
        expect(check.outcome).toBe('pending');
      }
    }
    expect(proposals).toBeGreaterThan(20);
    // At most one in twenty missed (the benchmark measures 99%); what was missed, for the log.
    if (misses.length) process.stderr.write(`Reading missed: ${misses.join('; ')}\n`);
    expect(misses.length).toBeLessThanOrEqual(Math.floor(proposals / 20));
  });

  it('names the page read and what supports the proposal', () => {
    const clean = applications.find((a) => a.certNo === envelopes[0].certNo)!;
    const proof = clean.checks.find((c) => c.rule === 'doc.attendance')!;
    expect(proof.proposal).toMatchObject({
      finding: 'found',
      page: expect.stringMatching(new RegExp(`^${envelopes[0].receiptNo}-\\d+$`)),
    });
    expect(proof.proposal!.confidence).toBeGreaterThan(0);
    expect(proof.proposal!.confidence).toBeLessThanOrEqual(1);
    expect(proof.proposal!.evidence).toContain(envelopes[0].plan.facts.family);
    // A receipt is no proof (rules.md), and a sheet without its director's seal is missing one.
    const receipt = applications
      .find((a) => a.certNo === envelopes[1].certNo)!
      .checks.filter((c) => c.rule === 'doc.attendance')
      .find((c) => c.proposal?.finding === 'insufficient');
    expect(receipt?.proposal?.evidence).toMatch(/領収書/);
  });
});
