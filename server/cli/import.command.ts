import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { CheckQueueService } from '../checks/check-queue.service.js';
import type { CheckTarget } from '../checks/check.repository.js';
import { ScanQueueService } from '../scans/scan-queue.service.js';
import type { EnvelopeToRead } from '../scans/scan-reading.views.js';
import { cliJson, type ImportReport } from '../imports/import-report.js';
import { ImportService } from '../imports/import.service.js';
import { QUEUES } from '../queues/queues.js';
import { UsageError } from './errors.js';
import { ROWS_SHOWN, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

/** The import's report for people (stderr); --json prints interface.md's report on stdout. */
function describeReport(report: ImportReport): string {
  const lines: string[] = [];
  if (report.bundleError) lines.push(`取り込めませんでした: ${report.bundleError}`);
  for (const f of report.files) {
    const enc =
      f.encoding === 'cp932'
        ? 'Shift_JIS(CP932)'
        : f.encoding === 'utf8-bom'
          ? 'UTF-8(BOM付き)'
          : 'UTF-8';
    lines.push(
      `${f.file} [${enc}]: ${f.rows} 行中 ${f.imported} 行を取り込み${f.rejected.length ? `、${f.rejectedWhole ? 'ファイル全体を取り込めませんでした' : `${f.rejected.length} 行を取り込めませんでした`}` : ''}`,
    );
    for (const p of f.rejected.slice(0, ROWS_SHOWN)) {
      lines.push(`  ${f.file}:${p.line}${p.column ? ` 「${p.column}」` : ''}: ${p.reason}`);
    }
    if (f.rejected.length > ROWS_SHOWN) {
      lines.push(
        `  …ほか ${f.rejected.length - ROWS_SHOWN} 行(全件は --json か、コンソールの取り込み報告 CSV で確認できます)`,
      );
    }
    for (const w of f.warnings) lines.push(`  注意: ${w}`);
  }
  for (const w of report.warnings) lines.push(`注意: ${w}`);
  const d = report.dossiers;
  lines.push(
    `申請: 新規 ${d.created}・更新 ${d.revised}・変更なし ${d.unchanged}・取り込めず ${d.rejected}。チェックを ${report.queued} 件登録しました`,
  );
  for (const r of report.rejectedDossiers.slice(0, ROWS_SHOWN)) {
    lines.push(
      `  認定番号 ${r.certNo} の申請は取り込みませんでした(${r.problems.map((p) => `${p.file} ${p.line} 行目`).join('、')})。前回の内容のままです`,
    );
  }
  const u = report.unmatched;
  if (u.payments + u.elearning + u.addressChanges + u.mail > 0) {
    lines.push(
      `申請がまだない認定番号のデータ(申請が届くと自動で結び付きます): 入金 ${u.payments}・e-learning ${u.elearning}・変更届 ${u.addressChanges}・郵便 ${u.mail}`,
    );
  }
  if (report.scans.files > 0) {
    lines.push(
      `スキャン: ${report.scans.files} ファイル(新規保存 ${report.scans.stored}・保存済み ${report.scans.alreadyStored}・読み飛ばし ${report.scans.ignored.length})`,
    );
  }
  return lines.join('\n');
}

/** Says how many are left every few seconds while waiting. */
function progressSayer(io: Io): (waiting: number) => void {
  let lastSaid = Date.now();
  return (waiting) => {
    if (Date.now() - lastSaid > 5000) {
      io.say(`  残り ${waiting} 件`);
      lastSaid = Date.now();
    }
  };
}

/**
 * `--wait`: the reading of the scans the import brought, then every check it queued and those
 * the readings queued again (their proposals come from the pages read).
 */
async function waitForWork(
  app: INestApplicationContext,
  io: Io,
  roundId: string,
  queuedChecks: CheckTarget[],
  queuedReadings: EnvelopeToRead[],
): Promise<void> {
  if (queuedReadings.length > 0) {
    io.say(`郵便 ${queuedReadings.length} 通のスキャンの読み取りを待っています…`);
    const { failed } = await app.get(ScanQueueService).waitFor(queuedReadings, {
      onProgress: progressSayer(io),
    });
    io.say(
      failed > 0
        ? `読み取りが終わりました。うち ${failed} 通は読み取れませんでした(コンソールの郵便・書類で確認してください)`
        : 'スキャンの読み取りがすべて終わりました',
    );
  }
  const checks = app.get(CheckQueueService);
  const readFor = await checks.currentTargets(
    roundId,
    queuedReadings.map((e) => e.certNo),
  );
  const targets = [...queuedChecks, ...readFor];
  if (targets.length === 0) return;
  io.say(`チェック ${targets.length} 件の完了を待っています…`);
  const { failed } = await checks.waitFor(targets, { onProgress: progressSayer(io) });
  io.say(
    failed > 0
      ? `チェックが終わりました。うち ${failed} 件は失敗しました(コンソールの失敗したジョブから再実行できます)`
      : 'チェックがすべて終わりました',
  );
}

/**
 * `import <folder-or-zip> --round <id> [--wait]`: 0 all rows imported, 1 some rows rejected,
 * 2 a file or the bundle rejected.
 */
export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      round: { type: 'string' },
      wait: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
    allowPositionals: true,
  });
  const source = positionals[0];
  if (!source)
    throw new UsageError(
      'import: 取り込むフォルダか .zip を指定してください(例: import ./bundle --round 2021)',
    );
  if (positionals.length > 1)
    throw new UsageError(
      `import: 取り込むものは 1 つだけ指定してください(${positionals.join(' ')})`,
    );
  if (!values.round)
    throw new UsageError('import: --round <年度ID> を指定してください(例: --round 2021)');
  return withServices(
    async (app) => {
      const { report, queuedChecks, queuedReadings } = await app.get(ImportService).run({
        roundId: values.round!,
        source: resolve(source),
        sourceName: basename(resolve(source)),
        requestedBy: await actorOf(app, 'import', values.by),
      });
      io.say(describeReport(report));
      if (values.wait) await waitForWork(app, io, values.round!, queuedChecks, queuedReadings);
      io.out(cliJson(report), '');
      return report.exitCode;
    },
    values.wait ? [QUEUES.checks, QUEUES.scans] : [],
  );
}
