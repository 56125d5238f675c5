import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InvalidInputError } from '../common/domain-errors.js';
import { RoundService } from '../rounds/round.service.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

/** `round load <file.json>`: creates or updates a round; every wrong field is named. */
export async function roundLoadCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, by: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file)
    throw new UsageError(
      'round load: 読み込む JSON ファイルを指定してください(例: round load round-2021.json)',
    );
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'ファイルがありません'
        : `JSON として読めません(${(error as Error).message})`;
    io.say(`${file}: ${reason}`);
    io.out({ file, error: reason }, '');
    return EXIT.invalid;
  }
  return withServices(async (app) => {
    try {
      const actor = await actorOf(app, 'round load', values.by);
      const { round, created, changed } = await app.get(RoundService).load(json, actor);
      io.out(
        { created, changed, round },
        `年度「${round.id}」(${round.label})を${created ? '作成しました' : changed ? '更新しました' : '確認しました(変更はありません)'}`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof InvalidInputError) {
        for (const p of error.problems) io.say(`${file}: ${p.field || '(全体)'}: ${p.message}`);
        if (io.json) io.out({ file, problems: error.problems }, '');
        return EXIT.invalid;
      }
      throw error;
    }
  });
}
