#!/usr/bin/env node
/*
 * Reading the envelopes (issue 16): realistic envelopes (test/support/scan-pages: forms with
 * Japanese text, round and square seals, certificates, proofs and receipts, then one scanner
 * effect per envelope) are read page by page by the reader (server/scans/reading, built), and
 * its proposals are compared with the findings a careful clerk would record.
 *
 *   npm run build:server && npm run bench:documents [-- --applicants 40] [--seed 7] [--workers 2]
 *
 * Prints, per document kind and per scan effect: proposals right, the precision of `found`
 * (a missing seal proposed as found is the costly error), defects caught; seconds and peak
 * memory per page; then every wrong proposal, for whoever improves the reader.
 *
 *   --dump wrong | --dump R2021-000123,…   prints the OCR text of the pages behind the wrong
 *   proposals (or of every page of the given envelopes), with kind, number and cues.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIST } from './support.mjs';
import { EFFECTS, planEnvelope, scanEnvelope } from '../test/support/scan-pages/envelopes.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '40' },
    seed: { type: 'string', default: '7' },
    workers: { type: 'string', default: '2' },
    dist: { type: 'string', default: DIST },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    // `wrong` (the pages of every wrong proposal) or receipt numbers, comma-separated.
    dump: { type: 'string' },
    // A JSON file for the readings (facts, expected findings, read pages): proposals can then be
    // worked on without reading the pages again.
    save: { type: 'string' },
  },
});
const reading = resolve(values.dist, 'scans', 'reading');
const load = (name) => import(pathToFileURL(join(reading, name)).href);
if (!existsSync(join(reading, 'page-reader.js'))) {
  console.error(`${reading}/page-reader.js is missing: run \`npm run build:server\` first`);
  process.exit(2);
}
const { openScan } = await load('page-images.js');
const { OcrPool } = await load('ocr.js');
const { readPage } = await load('page-reader.js');
const { proposeFindings } = await load('document-findings.js');

const TARGETS = { right: 0.97, foundPrecision: 0.99, caught: 0.97, secondsPerPage: 3 };
const applicants = Number(values.applicants);
const workers = Number(values.workers);
const only = values.only?.split(',');

// 1. Render the envelopes (not timed as reading).
const t0 = performance.now();
const envelopes = [];
for (let i = 0; i < applicants; i++) {
  const plan = planEnvelope(i, { seed: Number(values.seed) });
  if (only && !only.includes(plan.effect)) continue;
  envelopes.push({ plan, files: await scanEnvelope(plan) });
}
const renderSeconds = (performance.now() - t0) / 1000;
const pageTotal = envelopes.reduce((n, e) => n + e.plan.pages.length, 0);
console.log(
  `Rendered ${envelopes.length} envelopes, ${pageTotal} pages in ${renderSeconds.toFixed(0)} s (seed ${values.seed}); reading with ${workers} OCR workers…`,
);

// 2. Read them, sampling memory.
let peakRss = 0;
const rssSamples = [];
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  rssSamples.push(rss);
}, 250);
const pool = await OcrPool.start({ size: workers });
const pageSeconds = [];
const unread = [];
const results = [];
const t1 = performance.now();
let pagesDone = 0;
const rssAt = [];
for (const { plan, files } of envelopes) {
  // Pages in scan order, numbered from 1 across the envelope's files.
  const jobs = [];
  let n = 0;
  for (const file of files) {
    const opened = await openScan(file.bytes, file.mediaType);
    if ('unread' in opened) {
      unread.push({ receiptNo: plan.receiptNo, file: file.name, reason: opened.unread });
      continue;
    }
    for (let i = 0; i < opened.pageCount; i++)
      jobs.push({ opened, i, ref: `${plan.receiptNo}-${++n}` });
  }
  const read = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < jobs.length) {
        const k = next++;
        const { opened, i, ref } = jobs[k];
        const started = performance.now();
        const image = await opened.page(i);
        const names = [plan.facts.family, plan.facts.maidenName]
          .filter(Boolean)
          .map((family) => family + plan.facts.given);
        read[k] = (await readPage(pool, image, ref, { names })).page;
        pageSeconds.push((performance.now() - started) / 1000);
      }
    }),
  );
  pagesDone += jobs.length;
  rssAt.push({ pages: pagesDone, rss: process.memoryUsage().rss });
  const proposals = proposeFindings(plan.facts, read);
  results.push({ plan, read, proposals });
  if (values.verbose)
    process.stderr.write(`${plan.receiptNo} ${plan.effect} ${jobs.length} pages\n`);
}
const readSeconds = (performance.now() - t1) / 1000;
clearInterval(sampler);
await pool.close();
if (values.save) {
  const saved = results.map(({ plan, read }) => ({
    receiptNo: plan.receiptNo,
    effect: plan.effect,
    facts: plan.facts,
    expected: plan.expected,
    pages: plan.pages.map((p) => ({ kind: p.kind, no: p.no })),
    read,
  }));
  writeFileSync(values.save, JSON.stringify({ seed: values.seed, envelopes: saved }));
}

// 3. Compare.
const key = (p) => `${p.rule}@${p.ref ?? ''}`;
const tally = () => ({ total: 0, right: 0, found: 0, foundRight: 0, defects: 0, caught: 0 });
const byRule = new Map();
const byEffect = new Map(EFFECTS.map((e) => [e, tally()]));
const byDefect = new Map();
const all = tally();
const wrong = [];
const scored = [];
const kindRight = { total: 0, right: 0 };
const KIND_OF_DRAWING = {
  proof: 'attendance',
  receipt: 'attendance',
  poster: 'attendance',
  nameChange: 'name-change',
};
for (const { plan, read, proposals } of results) {
  const got = new Map(proposals.map((p) => [key(p), p]));
  for (const want of plan.expected) {
    const p = got.get(key(want));
    const finding = p?.finding ?? 'none';
    const rows = [
      all,
      byEffect.get(plan.effect),
      byRule.get(want.rule) ?? byRule.set(want.rule, tally()).get(want.rule),
    ];
    scored.push({ confidence: p?.confidence ?? 0, right: finding === want.finding });
    for (const t of rows) {
      t.total++;
      if (finding === want.finding) t.right++;
      if (finding === 'found') {
        t.found++;
        if (want.finding === 'found') t.foundRight++;
      }
      if (want.finding !== 'found') {
        t.defects++;
        if (finding !== 'found') t.caught++;
      }
    }
    if (want.defect) {
      const d =
        byDefect.get(want.defect) ??
        byDefect.set(want.defect, { total: 0, caught: 0 }).get(want.defect);
      d.total++;
      if (finding !== 'found') d.caught++;
    }
    if (finding !== want.finding) {
      wrong.push({
        receiptNo: plan.receiptNo,
        effect: plan.effect,
        item: key(want),
        want: want.finding,
        defect: want.defect,
        got: finding,
        confidence: p?.confidence,
        page: p?.page,
        evidence: p?.evidence,
      });
    }
  }
  // Page kinds: page N of the envelope is plan.pages[N - 1] (files keep the scan order).
  plan.pages.forEach((spec, i) => {
    const page = read[i];
    if (!page) return;
    kindRight.total++;
    const want = KIND_OF_DRAWING[spec.kind] ?? spec.kind;
    if (page.kind === want) kindRight.right++;
    else if (values.verbose)
      process.stderr.write(
        `kind ${plan.receiptNo}-${i + 1}: want ${want}, got ${page.kind} (${page.cues.join(',')})\n`,
      );
  });
}

// 4. Report.
/** What 「読み取り結果をまとめて確定」 would confirm at each threshold, and how often rightly. */
function calibration() {
  console.log(
    '\nConfirming together (share of proposals at or above the threshold, and right among them)',
  );
  for (const threshold of [0.99, 0.95, 0.9, 0.85, 0.8, 0.7]) {
    const above = scored.filter((s) => s.confidence >= threshold);
    const right = above.filter((s) => s.right).length;
    console.log(
      `  ≥ ${threshold.toFixed(2)}: ${pct(above.length, scored.length).padStart(6)} of proposals, ${pct(right, above.length).padStart(6)} right (${above.length - right} wrong)`,
    );
  }
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const mark = (a, b, target) => (b === 0 ? ' ' : a / b >= target ? '✓' : '✗');
function table(title, rows) {
  console.log(`\n${title}`);
  console.log(
    `${'kind'.padEnd(18)} ${'items'.padStart(6)} ${'right'.padStart(8)}   ${'found prec.'.padStart(11)}   ${'defects caught'.padStart(16)}`,
  );
  for (const [name, t] of rows) {
    console.log(
      `${name.padEnd(18)} ${String(t.total).padStart(6)} ${pct(t.right, t.total).padStart(8)} ${mark(t.right, t.total, TARGETS.right)} ${pct(t.foundRight, t.found).padStart(11)} ${mark(t.foundRight, t.found, TARGETS.foundPrecision)} ${`${t.caught}/${t.defects} ${pct(t.caught, t.defects)}`.padStart(16)} ${mark(t.caught, t.defects, TARGETS.caught)}`,
    );
  }
}
table('Per document kind', [...byRule.entries(), ['all', all]]);
table(
  'Per scan effect',
  [...byEffect.entries()].filter(([, t]) => t.total > 0),
);
console.log('\nDefects caught, by defect');
for (const [d, t] of [...byDefect.entries()].sort())
  console.log(`  ${d.padEnd(28)} ${t.caught}/${t.total}`);
calibration();
const sorted = [...pageSeconds].sort((a, b) => a - b);
const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0;
const pagesRead = pageSeconds.length;
console.log(
  `\nPages classified right: ${pct(kindRight.right, kindRight.total)} of ${kindRight.total}`,
);
console.log(
  `Speed: ${pagesRead} pages in ${readSeconds.toFixed(1)} s with ${workers} workers = ${(readSeconds / pagesRead).toFixed(2)} s a page (target ≤ ${TARGETS.secondsPerPage} s); one page takes median ${q(0.5).toFixed(2)} s, p90 ${q(0.9).toFixed(2)} s, max ${q(1).toFixed(2)} s`,
);
const mb = (b) => `${Math.round(b / 1024 / 1024)} MB`;
const quarter = Math.max(1, Math.floor(rssAt.length / 4));
console.log(
  `Memory (process RSS, OCR workers are threads of it): peak ${mb(peakRss)}; after the first quarter of envelopes ${mb(rssAt[quarter - 1]?.rss ?? 0)}, at the end ${mb(rssAt.at(-1)?.rss ?? 0)}`,
);
if (unread.length)
  console.log(`Unread files: ${unread.map((u) => `${u.file} (${u.reason})`).join('; ')}`);
const ok =
  all.right / all.total >= TARGETS.right &&
  (all.found === 0 || all.foundRight / all.found >= TARGETS.foundPrecision) &&
  (all.defects === 0 || all.caught / all.defects >= TARGETS.caught) &&
  readSeconds / pagesRead <= TARGETS.secondsPerPage;
console.log(
  `\nTargets ${ok ? 'met' : 'not met'} (right ≥ 97%, found precision ≥ 99%, defects caught ≥ 97%, ≤ 3 s a page).`,
);
if (values.dump) dump(values.dump);
if (wrong.length) {
  console.log(`\nWrong proposals (${wrong.length}):`);
  for (const w of wrong)
    console.log(
      `  ${w.receiptNo} ${w.effect.padEnd(13)} ${w.item.padEnd(24)} want ${w.want}${w.defect ? ` (${w.defect})` : ''}, got ${w.got} ${w.confidence ?? ''} ${w.page ?? ''} ${w.evidence ?? ''}`,
    );
}

/**
 * The OCR text of pages, to see why a proposal went wrong: for `wrong`, the page each wrong
 * proposal rests on (or, when it rests on none, every attendance-like page of its envelope);
 * for receipt numbers, every page of those envelopes.
 */
function dump(what) {
  const pagesOf = new Map();
  const add = (receiptNo, page) => {
    const set = pagesOf.get(receiptNo) ?? pagesOf.set(receiptNo, new Set()).get(receiptNo);
    set.add(page);
  };
  const byReceipt = new Map(results.map((r) => [r.plan.receiptNo, r]));
  if (what === 'wrong') {
    for (const w of wrong) {
      const { read, plan } = byReceipt.get(w.receiptNo);
      if (w.page) add(w.receiptNo, w.page);
      else
        read.forEach((p, i) => {
          if (
            p.kind === 'attendance' ||
            ['proof', 'receipt', 'poster'].includes(plan.pages[i]?.kind)
          )
            add(w.receiptNo, p.ref);
        });
    }
  } else {
    for (const receiptNo of what.split(','))
      for (const p of byReceipt.get(receiptNo)?.read ?? []) add(receiptNo, p.ref);
  }
  for (const [receiptNo, refs] of pagesOf) {
    const { read, plan } = byReceipt.get(receiptNo);
    for (const ref of refs) {
      const i = read.findIndex((p) => p?.ref === ref);
      const p = read[i];
      if (!p) continue;
      const spec = plan.pages[i];
      console.log(
        `\n── ${ref} (${plan.effect}; drawn ${spec?.kind ?? '?'}${spec?.no ? ` ${spec.no}` : ''}; read ${p.kind}${p.number !== null ? ` ${p.number}` : ''}${p.proofKind ? ` ${p.proofKind}` : ''}, cues ${p.cues.join(',')}; ocr ${p.text.confidence}, ${p.text.orientation}°, skew ${p.text.skew})`,
      );
      for (const line of p.text.lines)
        console.log(`  ${String(Math.round(line.confidence)).padStart(3)} ${line.text}`);
    }
  }
}
