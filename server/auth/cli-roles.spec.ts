import { CLI_ROLES, cliRoleProblem } from './cli-roles.js';
import { USER_ROLES } from './user.entity.js';

describe('cliRoleProblem', () => {
  it('admits exactly the roles of each command', () => {
    for (const command of Object.keys(CLI_ROLES) as (keyof typeof CLI_ROLES)[]) {
      for (const role of USER_ROLES) {
        const problem = cliRoleProblem(command, 'someone', {
          login: 'someone',
          role,
          active: true,
        });
        expect({ command, role, allowed: problem === null }).toEqual({
          command,
          role,
          allowed: (CLI_ROLES[command] as readonly string[]).includes(role),
        });
      }
    }
  });

  it('keeps reviewers and the secretariat off account and round commands', () => {
    expect(cliRoleProblem('user add', 's', { login: 's', role: 'secretariat', active: true })).toBe(
      '--by: 「s」(事務局)には user add を実行する権限がありません(管理者のみ)',
    );
    expect(cliRoleProblem('import', 'r', { login: 'r', role: 'reviewer', active: true })).toContain(
      '権限がありません',
    );
  });

  it('refuses unknown and inactive accounts', () => {
    expect(cliRoleProblem('import', 'ghost', null)).toContain('アカウント「ghost」はありません');
    expect(cliRoleProblem('import', 'a', { login: 'a', role: 'admin', active: false })).toContain(
      '無効',
    );
  });
});
