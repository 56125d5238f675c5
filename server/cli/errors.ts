import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { ConfigError } from '../config/app-config.js';
import { DataFolderInUseError } from '../database/embedded-database.js';
import { EXIT, type Io } from './io.js';
import { USAGE } from './usage.js';

/** A command or its options are wrong: the message, then the usage. */
export class UsageError extends Error {}

/** The account of --by may not run the command. */
export class CliRefusedError extends Error {}

/** What a command that threw tells its user, and the exit status it ends with. */
export function reportFailure(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.say(`${error.message}\n\n${USAGE}`);
    return EXIT.invalid;
  }
  if (error instanceof CliRefusedError) {
    io.say(error.message);
    if (io.json) io.out({ error: error.message }, '');
    return EXIT.invalid;
  }
  if (error instanceof ConfigError) {
    io.say(
      `${error.message}\nFix the variables above (see README.md, Configuration) and run again.`,
    );
    return EXIT.invalid;
  }
  if (error instanceof DataFolderInUseError) {
    io.say(
      `サーバーが動いていて、データフォルダ(${error.clusterDir})を使っています。` +
        `その PostgreSQL(プロセス ${error.holder.pid}、ポート ${error.holder.port})が応答しません。` +
        'サーバーの起動か停止が終わるのを待つか、サーバーを止めてから、もう一度実行してください',
    );
    return EXIT.internal;
  }
  if (error instanceof NotFoundError || error instanceof InvalidInputError) {
    io.say(error.message);
    if (io.json) {
      io.out(
        {
          error: error.message,
          ...(error instanceof InvalidInputError ? { problems: error.problems } : {}),
        },
        '',
      );
    }
    return EXIT.invalid;
  }
  if (
    error instanceof Error &&
    error.name === 'TypeError' &&
    /parseArgs|option/i.test(error.message)
  ) {
    io.say(`${error.message}\n\n${USAGE}`);
    return EXIT.invalid;
  }
  io.say(`エラー: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.internal;
}
