import { parseArgs } from 'node:util';
import { AuthService } from '../auth/auth.service.js';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError(
      '--password-stdin: パスワードを標準入力に渡してください(例: echo "…" | npm run --silent cli -- user add …)',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** `user add <login> --role … --password-stdin`: 0 created, 1 exists, 2 invalid. */
export async function userAddCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'workplace-facility': { type: 'string' },
      workplace: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
    allowPositionals: true,
  });
  const login = positionals[0];
  if (!login) throw new UsageError('user add: ログイン名を指定してください');
  if (!values.role)
    throw new UsageError('user add: --role admin|secretariat|reviewer を指定してください');
  if (!values['password-stdin']) {
    throw new UsageError(
      'user add: パスワードは --password-stdin で標準入力から渡してください(コマンド行に書くと履歴に残ります)',
    );
  }
  const password = await readStdin();
  return withServices(async (app) => {
    try {
      const actor = await actorOf(app, 'user add', values.by);
      const user = await app.get(AuthService).createUser({
        login,
        role: values.role!,
        password,
        displayName: values.name,
        // The password was chosen by whoever ran the command: the owner sets their own.
        mustChangePassword: true,
        actor,
        workplaceFacilityNo: values['workplace-facility'],
        workplaceName: values.workplace,
      });
      io.out(user, `アカウント「${user.login}」(${user.role})を作成しました`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ConflictError) {
        io.say(error.message);
        if (io.json) io.out({ error: error.message }, '');
        return EXIT.partial;
      }
      if (error instanceof InvalidInputError) {
        for (const p of error.problems) io.say(`${p.field}: ${p.message}`);
        if (io.json) io.out({ problems: error.problems }, '');
        return EXIT.invalid;
      }
      throw error;
    }
  });
}
