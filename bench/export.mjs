#!/usr/bin/env node
/*
 * Mailing list export benchmark (issue 8): the results list of N decided dossiers (made in
 * memory: the database read is not included) built and written as xlsx and as CSV by the same
 * code as `cli export`, timed, with the process's peak memory (resident set, sampled).
 *
 *   npm run build && npm run bench:export [-- --rows 5000,20000]
 *
 * Target: under 5 s each for 5,000 rows.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assertBuilt, DIST } from './support.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000,20000' } } });
assertBuilt();
const { buildMailingList } = await import(join(DIST, 'dispatch', 'mailing-lists.js'));
const { writeCsv, writeXlsx } = await import(join(DIST, 'dispatch', 'list-writer.js'));

const round = {
  resultsAddressCutoff: '2022-03-10',
  certificateAddressCutoff: '2022-04-30',
  renewalDate: '2022-04-01',
  pinBadgeAtRenewal: 2,
  fees: { review: 11000, certification: 22000, handling: 110 },
};
const facilities = new Map([
  [
    '13001',
    {
      name: '東京大学医学部附属病院',
      postalCode: '1138655',
      prefecture: '東京都',
      address: '文京区本郷7-3-1',
    },
  ],
]);
const dossier = (i) => ({
  certNo: String(100000 + i),
  name: `髙橋 花子${i}`,
  applicant: {
    familyName: '髙橋',
    givenName: `花子${i}`,
    workplaceKind: i % 2 ? '認定研修施設' : 'その他',
    workplaceFacilityNo: '13001',
    workplaceName: '市立総合病院',
    workplaceDepartment: '腫瘍内科',
    workplacePostalCode: '5300001',
    workplacePrefecture: '大阪府',
    workplaceAddress: `大阪市北区梅田${i}丁目1-1 梅田ビル${i % 40}階`,
    mailTo: '勤務先',
    renewalCount: 1,
  },
  decision: i % 5 ? '合格' : '不合格',
  payments: [],
  addressChanges:
    i % 50 === 0
      ? [
          {
            receivedAt: '2022-03-20T00:00:00.000Z',
            recipientName: '新病院',
            postalCode: '6008216',
            prefecture: '京都府',
            address: '京都市下京区1',
          },
        ]
      : [],
  deficiencies: [],
});

let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const out = mkdtempSync(join(tmpdir(), 'shinsa-bench-export-'));
const report = [];
for (const n of values.rows.split(',').map(Number)) {
  const dossiers = Array.from({ length: n }, (_, i) => dossier(i));
  for (const kind of ['xlsx', 'csv']) {
    global.gc?.();
    peak = process.memoryUsage().rss;
    const started = performance.now();
    const list = buildMailingList('results', dossiers, round, facilities);
    const file = join(out, `results-${n}.${kind}`);
    if (kind === 'xlsx') await writeXlsx(list, file, '審査結果通知', '2021年度');
    else await writeCsv(list, file, 'utf8');
    const ms = Math.round(performance.now() - started);
    peak = Math.max(peak, process.memoryUsage().rss);
    report.push({
      rows: n,
      kind,
      ms,
      peakRssMb: Math.round(peak / 1048576),
      bytes: statSync(file).size,
    });
  }
}
clearInterval(sample);
console.table(report);
const slow = report.filter((r) => r.rows <= 5000 && r.ms >= 5000);
console.log(
  slow.length
    ? 'TARGET MISSED: over 5 s for 5,000 rows'
    : 'target met: under 5 s each for 5,000 rows',
);
process.exitCode = slow.length ? 1 : 0;
