import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DecisionService } from '../decisions/decision.service.js';
import { UsageError } from './errors.js';
import { EXIT, ROWS_SHOWN, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

/**
 * `decide --round <id> --file <decisions.csv> --by <login>`: records the committee's sheet,
 * released at once; 0 all, 1 some rows rejected.
 */
export async function decideCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      round: { type: 'string' },
      file: { type: 'string' },
      by: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.round)
    throw new UsageError('decide: --round <年度ID> を指定してください(例: --round 2021)');
  if (!values.file)
    throw new UsageError('decide: --file <decisions.csv> で委員会の判定表を指定してください');
  if (!values.by)
    throw new UsageError('decide: --by <login> で記録する人のアカウントを指定してください');
  let bytes: Buffer;
  try {
    bytes = await readFile(values.file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'ファイルがありません'
        : `読めません(${(error as Error).message})`;
    io.say(`${values.file}: ${reason}`);
    io.out({ file: values.file, error: reason }, '');
    return EXIT.invalid;
  }
  return withServices(async (app) => {
    const actor = await actorOf(app, 'decide', values.by);
    const result = await app
      .get(DecisionService)
      .decideFromSheet(values.round!, bytes, basename(values.file!), actor);
    for (const r of result.rejected.slice(0, ROWS_SHOWN)) io.say(r.reason);
    if (result.rejected.length > ROWS_SHOWN) {
      io.say(`…ほか ${result.rejected.length - ROWS_SHOWN} 件(--json で全件を確認できます)`);
    }
    io.say(
      `判定を ${result.recorded} 件記録して公開しました(変更なし ${result.unchanged} 件、記録できなかった行 ${new Set(result.rejected.map((r) => r.line)).size} 行)`,
    );
    io.out(result, '');
    return result.rejected.length > 0 ? EXIT.partial : EXIT.ok;
  });
}
