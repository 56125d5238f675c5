import { ListQueryError } from '../common/list-query.js';
import { dossierWhere } from './dossier-filter.js';

const where = (filter: Record<string, unknown>, onlyAssignedTo: number | null = null) =>
  dossierWhere(filter, onlyAssignedTo);

/** The message of the ListQueryError the filter throws. */
const refusal = (filter: Record<string, unknown>) => {
  try {
    where(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(ListQueryError);
    expect((error as ListQueryError).parameter).toBe('filter');
    return (error as Error).message;
  }
  throw new Error('the filter was accepted');
};

describe('dossierWhere', () => {
  it('without a filter reads every dossier, with no clause and no parameters', () => {
    expect(where({})).toEqual({ source: 'dossiers d', clause: '', params: [] });
    // Empty values filter nothing.
    expect(where({ roundId: '', verdict: '', decision: null, mail: undefined, q: '  ' })).toEqual({
      source: 'dossiers d',
      clause: '',
      params: [],
    });
  });

  it('binds every value as a parameter, in the order of the clause', () => {
    expect(where({ roundId: '2021', verdict: 'review' })).toEqual({
      source: 'dossiers d',
      clause: 'WHERE d.round_id = $1 AND d.verdict = $2',
      params: ['2021', 'review'],
    });
    expect(where({ verdict: 'unchecked' }).clause).toBe('WHERE d.verdict IS NULL');
  });

  it('limits a reviewer to the dossiers assigned to them, whatever the filter says', () => {
    const { clause, params } = where({ roundId: '2021', reviewerId: '9' }, 7);
    expect(clause).toBe(
      'WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = $1)' +
        ' AND d.round_id = $2' +
        ' AND EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = $3)',
    );
    expect(params).toEqual([7, '2021', 9]);
  });

  it("looks for a round's current decisions among that round's decisions only", () => {
    expect(where({ roundId: '2021', decision: 'none' })).toEqual({
      source: 'dossiers d',
      clause:
        'WHERE d.round_id = $1 AND NOT EXISTS (SELECT 1 FROM decisions x WHERE x.dossier_id = d.id AND x.superseded_at IS NULL AND x.round_id = $1)',
      params: ['2021'],
    });
  });

  it('filters on the current decision: one of the three, none, or not released', () => {
    const decided = where({ decision: '保留' });
    expect(decided.clause).toMatch(
      /^WHERE EXISTS \(SELECT 1 FROM decisions x WHERE .*superseded_at IS NULL.* AND x\.decision = \$1\)$/,
    );
    expect(decided.params).toEqual(['保留']);
    const none = where({ decision: 'none' });
    expect(none.clause).toMatch(
      /^WHERE NOT EXISTS \(SELECT 1 FROM decisions x WHERE .*superseded_at IS NULL.*\)$/,
    );
    expect(none.params).toEqual([]);
    expect(where({ decision: 'unreleased' }).clause).toMatch(
      /superseded_at IS NULL.* AND x\.released_at IS NULL\)$/,
    );
    // Decisions are not check results: no join.
    expect(decided.source).toBe('dossiers d');
  });

  it('joins the check results once for a rule not passed, or a rule with an outcome', () => {
    expect(where({ rule: 'case.diagnosis' })).toEqual({
      source: 'dossiers d JOIN check_results c ON c.dossier_id = d.id',
      clause: 'WHERE c.not_passed @> ARRAY[$1]::text[]',
      params: ['case.diagnosis'],
    });
    expect(where({ rule: 'doc.name-change', ruleOutcome: 'review' })).toMatchObject({
      clause: 'WHERE c.outcomes->>$1 = $2',
      params: ['doc.name-change', 'review'],
    });
  });

  it('writes the rules of the indexed outcomes in the SQL, so their expression indexes apply', () => {
    expect(where({ mail: 'notReceived' })).toEqual({
      source: 'dossiers d JOIN check_results c ON c.dossier_id = d.id',
      clause: "WHERE (c.outcomes->>'mail.postmark') = 'pending'",
      params: [],
    });
    expect(where({ mail: 'received' }).clause).toBe(
      "WHERE (c.outcomes->>'mail.postmark') <> 'pending'",
    );
    expect(where({ mail: 'problem' }).clause).toBe(
      "WHERE ((c.outcomes->>'mail.postmark') IN ('fail', 'review') OR (c.outcomes->>'mail.type') IN ('fail', 'review'))",
    );
    expect(where({ fee: 'pending' })).toMatchObject({
      clause: "WHERE (c.outcomes->>'fee.review') = $1",
      params: ['pending'],
    });
    expect(where({ rule: 'fee.review', ruleOutcome: 'fail' })).toMatchObject({
      clause: "WHERE (c.outcomes->>'fee.review') = $1",
      params: ['fail'],
    });
    // Two filters on check results still join them once.
    expect(where({ mail: 'problem', fee: 'review' }).source).toBe(
      'dossiers d JOIN check_results c ON c.dossier_id = d.id',
    );
  });

  it('finds the unassigned, and those of one reviewer', () => {
    const none = 'WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id)';
    expect(where({ unassigned: true }).clause).toBe(none);
    expect(where({ unassigned: 'true' }).clause).toBe(none);
    expect(where({ unassigned: false }).clause).toBe('');
    expect(where({ reviewerId: 12 }).params).toEqual([12]);
  });

  it('searches the folded text by the grams of each typed word, LIKE characters escaped', () => {
    const { clause, params } = where({ q: ' 山﨑　太郎 ' });
    expect(clause).toBe(
      'WHERE (d.search_grams @> $1::text[] AND d.search_text LIKE $2) AND (d.search_grams @> $3::text[] AND d.search_text LIKE $4)',
    );
    expect(params).toEqual([['山崎'], '%山崎%', ['太郎'], '%太郎%']);
    expect(where({ q: '50%a' }).params).toEqual([['%a', '0%', '50'], '%50\\%a%']);
  });

  it("reads react-admin's getMany ids, dropping any that is not a number", () => {
    expect(where({ id: ['12', 34, 'x; DROP TABLE dossiers', '1e3'] })).toEqual({
      source: 'dossiers d',
      clause: 'WHERE d.id = ANY($1::bigint[])',
      params: [['12', '34']],
    });
  });

  it('refuses a value it does not know, naming the values it takes', () => {
    expect(refusal({ verdict: 'maybe' })).toBe(
      '自動判定の絞り込み「maybe」は使えません。使える値: pass, fail, review, unchecked',
    );
    expect(refusal({ decision: 'done' })).toBe(
      '判定の絞り込み「done」は使えません。使える値: 合格, 不合格, 保留, none, unreleased',
    );
    expect(refusal({ mail: 'lost' })).toBe(
      '郵便物の絞り込み「lost」は使えません。使える値: notReceived, received, problem',
    );
    expect(refusal({ fee: 'waived' })).toBe(
      '審査料の絞り込み「waived」は使えません。使える値: pass, pending, fail, review',
    );
    expect(refusal({ rule: 'case.item', ruleOutcome: 'pass' })).toBe(
      '規則の結果の絞り込み「pass」は使えません。使える値: fail, review, pending',
    );
    expect(refusal({ verdict: ['pass'] })).toContain('自動判定の絞り込み');
  });

  it('refuses a rule id that is not of the form of rules.md, and a reviewer that is not an id', () => {
    expect(refusal({ rule: "x'; DROP TABLE dossiers; --" })).toBe(
      "規則 ID「x'; DROP TABLE dossiers; --」の形が正しくありません(例: case.diagnosis)",
    );
    expect(refusal({ rule: 'Case.Item' })).toContain('形が正しくありません');
    expect(refusal({ reviewerId: '1 OR 1=1' })).toBe('審査委員の指定が正しくありません');
    expect(refusal({ reviewerId: '1234567890' })).toBe('審査委員の指定が正しくありません');
  });
});
