import { ListQueryError } from '../common/list-query.js';
import { searchTextMatches } from './dossier-search.js';
import { isCurrentDecisionOf } from '../decisions/decision-sql.js';

/**
 * The console's dossier list filter as SQL: a filter (the list's query string) in, the FROM
 * source, WHERE clause and parameters of the list, its neighbours and its export out. Pure: no
 * Nest, no database. Behaviour pinned by test/dossiers/console-list.spec.ts.
 */

/** Decisions the list filters on: one of the three, none yet, or recorded but not released. */
export const DECISION_FILTERS = ['合格', '不合格', '保留', 'none', 'unreleased'] as const;
/** Mail: nothing arrived yet (mail.postmark pending), arrived, or a problem to look at. */
export const MAIL_FILTERS = ['notReceived', 'received', 'problem'] as const;
/** Review fee: outcome of fee.review. */
export const FEE_FILTERS = ['pass', 'pending', 'fail', 'review'] as const;
const OUTCOME_FILTERS = ['fail', 'review', 'pending'] as const;
/** Rules whose outcome has an expression index on check_results (migration ListViews). */
const KNOWN_OUTCOME_INDEXES = new Set(['mail.postmark', 'mail.type', 'fee.review']);

function oneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
  label: string,
): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ListQueryError(
    'filter',
    `${label}の絞り込み「${String(value)}」は使えません。使える値: ${allowed.join(', ')}`,
  );
}

/**
 * The WHERE clause of the dossier list and its export. Filters: roundId, verdict, decision,
 * rule (a rule not passed, optionally with ruleOutcome fail/review/pending), mail, fee,
 * reviewerId, unassigned, q (words each found in 認定番号, name, kana, 旧姓 or 勤務先).
 */
export function dossierWhere(
  f: Record<string, unknown>,
  onlyAssignedTo: number | null,
): { source: string; clause: string; params: unknown[] } {
  const params: unknown[] = [];
  let joinResults = false;
  const where: string[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Filters on check results join them once, rather than look them up row by row. The rules
  // of the mail and fee filters are written in the SQL, so their expression indexes apply.
  const outcomeOf = (rule: string) => {
    joinResults = true;
    return KNOWN_OUTCOME_INDEXES.has(rule)
      ? `(c.outcomes->>'${rule}')`
      : `c.outcomes->>${bind(rule)}`;
  };
  if (onlyAssignedTo !== null) {
    where.push(
      `EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = ${bind(onlyAssignedTo)})`,
    );
  }
  const round = typeof f.roundId === 'string' && f.roundId ? bind(f.roundId) : null;
  if (round) where.push(`d.round_id = ${round}`);
  const verdict = oneOf('verdict', f.verdict, ['pass', 'fail', 'review', 'unchecked'], '自動判定');
  if (verdict === 'unchecked') where.push('d.verdict IS NULL');
  else if (verdict) where.push(`d.verdict = ${bind(verdict)}`);
  const decision = oneOf('decision', f.decision, DECISION_FILTERS, '判定');
  // A round's list looks among its own decisions only (decisions_round_current_idx), not
  // every round's.
  const current = `FROM decisions x WHERE ${isCurrentDecisionOf('d.id')}${round ? ` AND x.round_id = ${round}` : ''}`;
  if (decision === 'none') where.push(`NOT EXISTS (SELECT 1 ${current})`);
  else if (decision === 'unreleased')
    where.push(`EXISTS (SELECT 1 ${current} AND x.released_at IS NULL)`);
  else if (decision) where.push(`EXISTS (SELECT 1 ${current} AND x.decision = ${bind(decision)})`);
  if (typeof f.rule === 'string' && f.rule) {
    if (!/^[a-z]+(\.[a-z-]+)?$/.test(f.rule)) {
      throw new ListQueryError(
        'filter',
        `規則 ID「${f.rule}」の形が正しくありません(例: case.diagnosis)`,
      );
    }
    const outcome = oneOf('ruleOutcome', f.ruleOutcome, OUTCOME_FILTERS, '規則の結果');
    joinResults = true;
    where.push(
      outcome
        ? `${outcomeOf(f.rule)} = ${bind(outcome)}`
        : `c.not_passed @> ARRAY[${bind(f.rule)}]::text[]`,
    );
  }
  const mail = oneOf('mail', f.mail, MAIL_FILTERS, '郵便物');
  if (mail === 'notReceived') where.push(`${outcomeOf('mail.postmark')} = 'pending'`);
  else if (mail === 'received') where.push(`${outcomeOf('mail.postmark')} <> 'pending'`);
  else if (mail === 'problem') {
    where.push(
      `(${outcomeOf('mail.postmark')} IN ('fail', 'review') OR ${outcomeOf('mail.type')} IN ('fail', 'review'))`,
    );
  }
  const fee = oneOf('fee', f.fee, FEE_FILTERS, '審査料');
  if (fee) where.push(`${outcomeOf('fee.review')} = ${bind(fee)}`);
  if (f.reviewerId !== undefined && f.reviewerId !== '' && f.reviewerId !== null) {
    if (!/^\d{1,9}$/.test(String(f.reviewerId))) {
      throw new ListQueryError('filter', '審査委員の指定が正しくありません');
    }
    where.push(
      `EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id AND a.reviewer_id = ${bind(Number(f.reviewerId))})`,
    );
  }
  if (f.unassigned === true || f.unassigned === 'true') {
    where.push('NOT EXISTS (SELECT 1 FROM assignments a WHERE a.dossier_id = d.id)');
  }
  if (typeof f.q === 'string') where.push(...searchTextMatches('d', f.q, bind));
  if (Array.isArray(f.id)) {
    // react-admin's getMany: the ids asked for.
    where.push(
      `d.id = ANY(${bind(f.id.map((id) => String(id)).filter((id) => /^\d{1,18}$/.test(id)))}::bigint[])`,
    );
  }
  return {
    source: joinResults ? 'dossiers d JOIN check_results c ON c.dossier_id = d.id' : 'dossiers d',
    clause: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    params,
  };
}
