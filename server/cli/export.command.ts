import { parseArgs } from 'node:util';
import { validInput } from '../common/input-validation.js';
import { ExportRequestDto } from '../mailings/dto/export-request.dto.js';
import { MailingListService } from '../mailings/mailing-list.service.js';
import { UsageError } from './errors.js';
import { EXIT, ROWS_SHOWN, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

/** `export <list> --round <id> --out <file>`: writes a mailing list or the result letters. */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      round: { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string' },
      pending: { type: 'boolean', default: false },
      labels: { type: 'boolean', default: false },
      'letter-date': { type: 'string' },
      'without-email': { type: 'boolean', default: false },
      by: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [list] = positionals;
  if (!list) {
    throw new UsageError(
      'export: 一覧の名前を指定してください(results, certificates, pin-badges, fee-requests, missing-items, result-letters, fee-request-letters)',
    );
  }
  if (!values.round)
    throw new UsageError('export: --round <年度ID> を指定してください(例: --round 2021)');
  if (!values.out)
    throw new UsageError('export: --out <file.xlsx|file.csv> で出力先を指定してください');
  return withServices(async (app) => {
    const actor = await actorOf(app, 'export', values.by);
    const mailingLists = app.get(MailingListService);
    const request = await validInput(ExportRequestDto, {
      list,
      format: mailingLists.formatOf(list, values.out!),
      encoding: values.encoding,
      pendingOnly: values.pending,
      layout: values.labels ? 'labels' : 'list',
      letterDate: values['letter-date'],
      withoutEmailOnly: values['without-email'],
    });
    const result = await mailingLists.export(values.round!, request, values.out!, actor);
    for (const u of result.unrepresentable.slice(0, ROWS_SHOWN)) {
      io.say(
        `${u.sheet} ${u.line} 行目 ${u.column}: 「${u.characters}」は CP932 で書けないため「?」になりました(${u.text})`,
      );
    }
    io.say(
      `${result.list} を ${result.rows} 件書き出しました: ${result.files.join(', ')}` +
        (result.lateChanges ? `(締切後の住所変更 ${result.lateChanges} 件は別に記載)` : '') +
        (result.unrepresentable.length
          ? `。CP932 で書けない文字のあるセル ${result.unrepresentable.length} 件(UTF-8 で書き出せば失われません)`
          : ''),
    );
    io.out(result, '');
    return EXIT.ok;
  });
}
