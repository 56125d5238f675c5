import 'reflect-metadata';
import { applicationsCommand } from './cli/applications.command.js';
import { backupCommand } from './cli/backup.command.js';
import { decideCommand } from './cli/decide.command.js';
import { reportFailure, UsageError } from './cli/errors.js';
import { exportCommand } from './cli/export.command.js';
import { importCommand } from './cli/import.command.js';
import { EXIT, makeIo } from './cli/io.js';
import { migrateCommand } from './cli/migrate.command.js';
import { retentionCommand } from './cli/retention.command.js';
import { restoreCommand } from './cli/restore.command.js';
import { roundLoadCommand } from './cli/round-load.command.js';
import { logVerbosely } from './cli/services.js';
import { USAGE } from './cli/usage.js';
import { userAddCommand } from './cli/user-add.command.js';

/**
 * The command line of interface.md: `npm run --silent cli -- <command>`. It calls the same
 * services as the API, a file per command under cli/. With --json, stdout holds only JSON;
 * messages for people go to stderr.
 */

export async function runCli(argv: string[]): Promise<number> {
  logVerbosely(argv.includes('--verbose'));
  const [command, ...rest] = argv.filter((arg) => arg !== '--verbose');
  const json = rest.includes('--json');
  const io = makeIo(json);
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(io);
      case 'round': {
        const [sub, ...args] = rest;
        if (sub !== 'load') throw new UsageError('round: 使えるのは「round load <file.json>」です');
        return await roundLoadCommand(args, io);
      }
      case 'import':
        return await importCommand(rest, io);
      case 'applications':
        return await applicationsCommand(rest, io);
      case 'decide':
        return await decideCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'retention':
        return await retentionCommand(rest, io);
      case 'backup':
        return await backupCommand(rest, io);
      case 'restore':
        return await restoreCommand(rest, io);
      case 'user': {
        const [sub, ...args] = rest;
        if (sub !== 'add') throw new UsageError('user: 使えるのは「user add <login> …」です');
        return await userAddCommand(args, io);
      }
      case undefined:
      case 'help':
      case '--help':
        process.stderr.write(USAGE);
        return command === undefined ? EXIT.invalid : EXIT.ok;
      default:
        throw new UsageError(`不明なコマンドです: ${command}`);
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

// Run only as the entry point, not when a test imports runCli.
if (process.argv[1]?.endsWith('cli.js')) {
  runCli(process.argv.slice(2)).then(
    // Exit only once stdout is flushed: a pipe would otherwise lose the end of a large JSON.
    (code) => process.stdout.write('', () => process.exit(code)),
    (error) => {
      process.stderr.write(String(error) + '\n');
      process.exit(3);
    },
  );
}
