import type { UserEntity, UserRole } from './user.entity.js';

/**
 * The CLI's half of the role matrix. A command runs with the authority of whoever may run it on
 * the server (they hold the database's address); with `--by <login>` it acts for that account,
 * which must be active and hold one of the command's roles, and the audit trail names it.
 * `decide` always names its account (interface.md). `migrate` acts for nobody.
 */
export const CLI_ROLES = {
  'round load': ['admin'],
  'user add': ['admin'],
  import: ['admin', 'secretariat'],
  applications: ['admin', 'secretariat'],
  decide: ['admin', 'secretariat'],
  export: ['admin', 'secretariat'],
  retention: ['admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type CliCommand = keyof typeof CLI_ROLES;

const ROLE_NAMES: Record<UserRole, string> = {
  admin: '管理者',
  secretariat: '事務局',
  reviewer: '審査委員',
};

/** Why the account may not run the command, in Japanese; null when it may. */
export function cliRoleProblem(
  command: CliCommand,
  login: string,
  user: Pick<UserEntity, 'login' | 'role' | 'active'> | null,
): string | null {
  const allowed: readonly UserRole[] = CLI_ROLES[command];
  if (!user) return `--by: アカウント「${login}」はありません。ログイン名を確かめてください`;
  if (!user.active) return `--by: アカウント「${login}」は無効になっています`;
  if (!allowed.includes(user.role)) {
    return `--by: 「${login}」(${ROLE_NAMES[user.role]})には ${command} を実行する権限がありません(${allowed.map((r) => ROLE_NAMES[r]).join('・')}のみ)`;
  }
  return null;
}
