import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from './app.module.js';
import { ApplicationsReportService } from './dossiers/applications-report.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { cliRoleProblem, type CliCommand } from './auth/cli-roles.js';
import { UserRepository } from './auth/user.repository.js';
import { CheckQueueService } from './checks/check-queue.service.js';
import { Booted, prepare, shutdown } from './boot.js';
import { ConflictError, InvalidInputError, NotFoundError } from './common/domain-errors.js';
import { ConfigError } from './config/app-config.js';
import { migrateDatabase } from './database/migrator.js';
import { cliJson, type ImportReport } from './imports/import-report.js';
import { ImportService } from './imports/import.service.js';
import { QUEUES, type QueueName } from './queues/queues.js';
import { RoundService } from './rounds/round.service.js';
import { DecisionService } from './decisions/decision.service.js';
import { validInput } from './common/input-validation.js';
import { ExportRequestDto } from './mailings/dto/export-request.dto.js';
import { MailingListService } from './mailings/mailing-list.service.js';

/**
 * The command line of interface.md: `npm run --silent cli -- <command>`. It calls the same
 * services as the API. With --json, stdout holds only JSON; messages for people go to stderr.
 */

/** Exit statuses shared by the commands. */
const EXIT = { ok: 0, partial: 1, invalid: 2, internal: 3 } as const;

class UsageError extends Error {}

/** The account of --by may not run the command. */
class CliRefusedError extends Error {}

/**
 * Who a command acts for: the account of `--by <login>`, which must be allowed the command
 * (auth/cli-roles.ts), or else the operating-system user who runs it on the server.
 */
async function actorOf(
  app: INestApplicationContext,
  command: CliCommand,
  by: string | undefined,
): Promise<string> {
  if (by === undefined) return `cli:${userInfo().username}`.slice(0, 64);
  const login = by.trim();
  const user = login ? await app.get(UserRepository).findByLogin(login) : null;
  const problem = cliRoleProblem(command, login, user);
  if (problem) throw new CliRefusedError(problem);
  return user!.login;
}

const USAGE = `使い方: npm run --silent cli -- <command> [options]

  migrate                                         未適用のマイグレーションを適用します
  round load <file.json> [--json]                 年度設定を JSON から作成・更新します
  user add <login> --role <admin|secretariat|reviewer> --password-stdin [--name <氏名>]
           [--workplace-facility <施設番号>] [--workplace <勤務先名>] [--json]
                                                  アカウントを作成します(パスワードは標準入力から)
  import <folder-or-zip> --round <id> [--wait] [--json]
  applications --round <id> --json
  decide --round <id> --file <decisions.csv> --by <login> [--json]
  export <list> --round <id> --out <file.xlsx|file.csv> [--encoding utf8|cp932] [--pending] [--json]
                                                  一覧: results, certificates, pin-badges, fee-requests, missing-items
                                                  result-letters: 結果通知書を PDF 1 つ(--out letters.pdf)か
                                                  申請者ごと(--out フォルダ/)に書き出します
                                                  --pending: 未発送(返送後に住所が変わったものを含む)のみ

  どのコマンドにも --by <login> を付けると、そのアカウントとして実行します(役割を確かめ、
  操作記録にその名前が残ります)。付けなければサーバーの OS ユーザーとして記録されます。

`;

/** Rejected rows printed per file for people; --json and the console's report hold them all. */
const ROWS_SHOWN = 20;

interface Io {
  json: boolean;
  out(value: unknown, human: string): void;
  say(message: string): void;
}

function makeIo(json: boolean): Io {
  return {
    json,
    out: (value, human) => {
      if (json) process.stdout.write(JSON.stringify(value, null, 2) + '\n');
      else if (human) process.stdout.write(human + '\n');
    },
    say: (message) => process.stderr.write(message + '\n'),
  };
}

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

/**
 * Boots the services of the API for one command (no HTTP; workers only for the queues named),
 * then closes them.
 */
async function withServices<T>(
  booted: Booted,
  run: (app: INestApplicationContext) => Promise<T>,
  workers: readonly QueueName[] = [],
): Promise<T> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(booted.runtime, { workers, console: false }),
    { logger: booted.logger },
  );
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function migrateCommand(io: Io): Promise<number> {
  const booted = await prepare({}, { migrate: false, stderrOnly: true });
  try {
    const report = await migrateDatabase(booted.runtime.databaseUrl, {
      queueOnPostgres: !booted.runtime.config.redisUrl,
    });
    io.out(
      report,
      report.applied.length > 0
        ? `${report.applied.length} 件のマイグレーションを適用しました: ${report.applied.join(', ')}`
        : 'データベースは最新です(適用するマイグレーションはありません)',
    );
    return EXIT.ok;
  } finally {
    await shutdown(null, booted.database);
  }
}

async function roundLoadCommand(args: string[], io: Io): Promise<number> {
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
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(booted, async (app) => {
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
  } finally {
    await shutdown(null, booted.database);
  }
}

async function userAddCommand(args: string[], io: Io): Promise<number> {
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
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(booted, async (app) => {
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
  } finally {
    await shutdown(null, booted.database);
  }
}

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

async function importCommand(args: string[], io: Io): Promise<number> {
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
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(
      booted,
      async (app) => {
        const { report, queuedChecks } = await app.get(ImportService).run({
          roundId: values.round!,
          source: resolve(source),
          sourceName: basename(resolve(source)),
          requestedBy: await actorOf(app, 'import', values.by),
        });
        io.say(describeReport(report));
        if (values.wait && queuedChecks.length > 0) {
          io.say(`チェック ${queuedChecks.length} 件の完了を待っています…`);
          let lastSaid = Date.now();
          const { failed } = await app.get(CheckQueueService).waitFor(queuedChecks, {
            onProgress: (waiting) => {
              if (Date.now() - lastSaid > 5000) {
                io.say(`  残り ${waiting} 件`);
                lastSaid = Date.now();
              }
            },
          });
          io.say(
            failed > 0
              ? `チェックが終わりました。うち ${failed} 件は失敗しました(コンソールの失敗したジョブから再実行できます)`
              : 'チェックがすべて終わりました',
          );
        }
        io.out(cliJson(report), '');
        return report.exitCode;
      },
      values.wait ? [QUEUES.checks] : [],
    );
  } finally {
    await shutdown(null, booted.database);
  }
}

async function applicationsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      round: { type: 'string' },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
  });
  if (!values.round)
    throw new UsageError('applications: --round <年度ID> を指定してください(例: --round 2021)');
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(booted, async (app) => {
      const actor = await actorOf(app, 'applications', values.by);
      const list = await app.get(ApplicationsReportService).listForRound(values.round!);
      // Check results speak of cases (patient data): who listed them is recorded.
      await app.get(AuditService).record({
        actor,
        action: 'applications.listed',
        entity: 'round',
        entityId: values.round!,
        roundId: values.round!,
        after: { dossiers: list.length },
      });
      if (io.json) io.out(list, '');
      else {
        for (const a of list) {
          process.stdout.write(
            `${a.certNo}\t${a.name}\t${a.verdict ?? '未チェック'}\t症例 ${a.counts.cases}(確認中 ${a.counts.casesUnderReview})\t学術集会 ${a.counts.attendances}\n`,
          );
        }
        io.say(`${list.length} 件の申請`);
      }
      return EXIT.ok;
    });
  } finally {
    await shutdown(null, booted.database);
  }
}

async function decideCommand(args: string[], io: Io): Promise<number> {
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
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(booted, async (app) => {
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
  } finally {
    await shutdown(null, booted.database);
  }
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      round: { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string' },
      pending: { type: 'boolean', default: false },
      by: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [list] = positionals;
  if (!list) {
    throw new UsageError(
      'export: 一覧の名前を指定してください(results, certificates, pin-badges, fee-requests, missing-items, result-letters)',
    );
  }
  if (!values.round)
    throw new UsageError('export: --round <年度ID> を指定してください(例: --round 2021)');
  if (!values.out)
    throw new UsageError('export: --out <file.xlsx|file.csv> で出力先を指定してください');
  const booted = await prepare({}, { stderrOnly: true });
  try {
    return await withServices(booted, async (app) => {
      const actor = await actorOf(app, 'export', values.by);
      const mailingLists = app.get(MailingListService);
      const request = await validInput(ExportRequestDto, {
        list,
        format: mailingLists.formatOf(list, values.out!),
        encoding: values.encoding,
        pendingOnly: values.pending,
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
  } finally {
    await shutdown(null, booted.database);
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
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
    if (error instanceof UsageError) {
      io.say(`${error.message}\n\n${USAGE}`);
      return EXIT.invalid;
    }
    if (error instanceof CliRefusedError) {
      io.say(error.message);
      if (json) io.out({ error: error.message }, '');
      return EXIT.invalid;
    }
    if (error instanceof ConfigError) {
      io.say(
        `${error.message}\nFix the variables above (see README.md, Configuration) and run again.`,
      );
      return EXIT.invalid;
    }
    if (error instanceof NotFoundError || error instanceof InvalidInputError) {
      io.say(error.message);
      if (json) {
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
