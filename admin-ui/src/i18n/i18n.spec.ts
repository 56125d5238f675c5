import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOSSIER_READS } from '../../../server/audit/audit.views';
import { RULE_IDS } from '../dossiers/rules';
import en from './en';
import ja from './ja';

/** Every key path under an object, as `a.b.c`. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

/** Every action the server audits: those written `action: '…'`, and the dossier reads. */
function auditedActions(): string[] {
  const server = join(__dirname, '../../../server');
  const found = new Set<string>(DOSSIER_READS);
  for (const file of readdirSync(server, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    for (const [, expression] of readFileSync(join(server, file), 'utf8').matchAll(
      /\baction:\s*([^,\n]+)/g,
    )) {
      for (const [, action] of expression.matchAll(/'([a-z-]+\.[a-z.-]+)'/g)) found.add(action);
    }
  }
  return [...found].sort();
}

describe('console labels', () => {
  it.each(['shinsa', 'resources'])(
    'has the same %s keys in Japanese and English',
    (section: string) => {
      const japanese = keys((ja as Record<string, unknown>)[section]).sort();
      const english = keys((en as Record<string, unknown>)[section]).sort();
      expect(english.filter((k) => !japanese.includes(k))).toEqual([]);
      expect(japanese.filter((k) => !english.includes(k))).toEqual([]);
    },
  );

  it('names every rule the console filters on, in both languages', () => {
    for (const messages of [ja, en]) {
      const named = keys((messages as unknown as { shinsa: { rules: unknown } }).shinsa.rules);
      expect(RULE_IDS.filter((rule) => !named.includes(rule))).toEqual([]);
    }
  });

  it('names every audited action in the audit log, in both languages', () => {
    const actions = auditedActions();
    expect(actions).toEqual(expect.arrayContaining(['dossier.viewed', 'export.downloaded']));
    for (const messages of [ja, en]) {
      const named = Object.keys(
        (messages as unknown as { shinsa: { audit: { actions: object } } }).shinsa.audit.actions,
      );
      expect(actions.filter((action) => !named.includes(action))).toEqual([]);
    }
  });
});
