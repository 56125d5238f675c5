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
});
