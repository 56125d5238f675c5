import { parseArgs } from 'node:util';
import { japaneseDate } from '../common/japan-time.js';
import type { PatientDataCounts } from '../retention/case-retention.repository.js';
import { CaseRetentionService } from '../retention/case-retention.service.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

const describe = (c: PatientDataCounts) =>
  `申請 ${c.dossiers} 件の症例 ${c.cases} 件(年齢・性別・診断名・病理診断名)、症例のチェック結果 ${c.caseResults} 件、` +
  `症例一覧表の読み取り文字 ${c.sheetPages} ページ、症例一覧表を含むスキャン ${c.files} ファイル(${(c.bytes / 1048576).toFixed(1)} MB)`;

/**
 * `retention --round <id> [--years N] [--apply] [--json]`: how long the round keeps its case
 * details and what a purge would remove (a dry run unless --apply); --years changes the years.
 */
export async function retentionCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      round: { type: 'string' },
      years: { type: 'string' },
      apply: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
  });
  if (!values.round) {
    throw new UsageError('retention: --round <年度ID> を指定してください(例: --round 2021)');
  }
  const roundId = values.round;
  return withServices(async (app) => {
    const actor = await actorOf(app, 'retention', values.by);
    const retention = app.get(CaseRetentionService);
    if (values.years !== undefined) {
      const plan = await retention.setYears(roundId, Number(values.years), actor);
      io.say(`年度「${roundId}」の症例の内容の保存期間を更新日から ${plan.years} 年にしました`);
    }
    if (!values.apply) {
      const plan = await retention.preview(roundId, actor);
      io.out(
        plan,
        plan.purgedAt
          ? `年度「${roundId}」の症例の内容は ${japaneseDate(plan.purgedAt.toISOString())} に削除済みです(残り: ${describe(plan.pending)})`
          : `年度「${roundId}」: 更新日 ${japaneseDate(plan.renewalDate)} から ${plan.years} 年、` +
              `${japaneseDate(plan.purgeableFrom)} から削除できます${plan.due ? '(削除できます)' : ''}。\n` +
              `削除されるもの: ${describe(plan.pending)}。\n` +
              '件数・判定・操作記録は残ります。削除するには --apply を付けて実行してください(試行のみ、何も変えていません)',
      );
      return EXIT.ok;
    }
    const { removed, filesDeleted } = await retention.purge(roundId, actor);
    io.out(
      { roundId, removed, filesDeleted },
      `年度「${roundId}」の症例の内容を削除しました: ${describe(removed)}。件数・判定・操作記録は残しています`,
    );
    return EXIT.ok;
  });
}
