/**
 * An audit event's values before and after, as a person reads them: the fields that changed,
 * by their Japanese names, with values formatted (Japan time, 症例一覧表(1) 6 行目, rule names),
 * never the raw refs or rule IDs. Pure, for the console to import (the log and a dossier's
 * history show it).
 */
import { japaneseDate, japaneseDateTime } from '../common/japan-time.js';
import { DECISION_REASONS } from '../decisions/decision-rules.js';
import { STATUS_LABEL } from '../documents/document-status.js';
import { itemRefLabel } from '../rules/item-ref.js';
import { ruleName } from '../rules/rule-names.js';

/** One field that changed: its name, and its value before and after ('' where it had none). */
export interface AuditChange {
  /** The field's path in the event (`fees.review`), for keys and tests. */
  path: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** The fields of every recorded event (grep `audit.record(`), by their Japanese names. */
export const AUDIT_FIELD_NAMES: Readonly<Record<string, string>> = {
  ref: '対象',
  rule: '確認項目',
  decision: '判定',
  reason: '理由',
  reasonCodes: '理由コード',
  released: '公表',
  overriddenChecks: '合格とした未通過の確認',
  sheet: '判定用紙',
  accepted: '委員の判断',
  status: '状態',
  note: 'メモ',
  arrivedOn: '到着日',
  postmarkedOn: '消印日',
  mailKind: '郵便種別',
  trackingNo: '追跡番号',
  certNo: '認定番号',
  files: 'ファイル',
  added: '追加したページ',
  label: '名称',
  round: '年度',
  roundId: '年度',
  applicationOpens: '申請受付開始',
  reviewFeeDeadline: '更新審査料の納付期限',
  elearningDeadline: 'e-learning の修了期限',
  registrationDeadline: '申請登録の期限',
  postmarkDeadline: '消印の期限',
  resultsAddressCutoff: '結果通知の送付先締切',
  certificateAddressCutoff: '認定証の送付先締切',
  renewalDate: '更新日',
  validUntil: '有効期限',
  fees: '料金',
  'fees.review': '更新審査料',
  'fees.certification': '更新認定料',
  'fees.handling': '振込手数料',
  requirements: '要件',
  'requirements.cases': '症例数',
  'requirements.maxCases': '症例数の上限',
  'requirements.attendances': '学術集会の参加数',
  'requirements.maxAttendances': '参加数の上限',
  'requirements.electives': '選択項目の数',
  pinBadgeAtRenewal: '更新時のピンバッジ',
  confirmThreshold: 'まとめて確定するしきい値',
  login: 'ログイン名',
  role: '役割',
  displayName: '表示名',
  mustChangePassword: '次回ログインでパスワード変更',
  workplaceFacilityNo: '勤務先の施設番号',
  workplaceName: '勤務先',
  active: '有効',
  sessionsEnded: '終了したセッション',
  lockedUntil: 'ロックの期限',
  failedLogins: 'ログイン失敗の回数',
  reviewer: '審査委員',
  assignedBy: '割り当てた人',
  overrideReason: '利益相反を越えて割り当てた理由',
  conflicts: '利益相反',
  notice: '通知',
  resubmitBy: '再提出の期限',
  items: '内容',
  transactionId: '取引番号',
  item: '費目',
  amount: '金額',
  handlingFee: '手数料',
  paidAt: '入金日時',
  method: '支払方法',
  certificateNo: '認定証番号',
  list: '一覧',
  kind: '郵送物',
  sentOn: '発送日',
  recorded: '記録した件数',
  certNos: '認定番号',
  returnedOn: '返送日',
  returnReason: '返送の理由',
  format: '形式',
  pendingOnly: '未発送のみ',
  rows: '件数',
  lateChanges: '締切後の変更',
  unrepresentable: '印字できない文字',
  part: 'ファイル番号',
  file: 'ファイル',
  source: '取り込み元',
  exitCode: '終了コード',
  dossiers: '申請',
  'dossiers.imported': '取り込んだ申請',
  'dossiers.unchanged': '変更のない申請',
  'dossiers.rejected': '取り込めなかった申請',
  filter: '条件',
  offset: '開始位置',
  resource: '一覧',
  name: '名前',
  shared: '共有',
  owner: '作成者',
  receiptNo: '受付番号',
  threshold: 'しきい値',
  confirmed: '確定した項目',
  revision: '版',
  cases: '症例',
  q: '検索語',
  dossier: '申請',
  actorId: '実行者',
  from: '期間(から)',
  to: '期間(まで)',
  reads: '閲覧',
  actor: '実行者',
  action: '操作',
  entity: '対象の種類',
};

/** Bookkeeping and internal keys: they change with every edit or mean nothing to a person. */
const HIDDEN = new Set(['id', 'version', 'updatedAt', 'sha256', 'dossierId', 'displaySha256']);

const ROLES: Record<string, string> = {
  admin: '管理者',
  secretariat: '事務局',
  reviewer: '審査委員',
};
const LISTS: Record<string, string> = {
  results: '審査結果通知',
  certificates: '認定証',
  'pin-badges': 'ピンバッジ',
  'fee-requests': '更新認定料の請求',
  'missing-items': '不備書類の請求',
  'result-letters': '結果通知書(PDF)',
};
const FEE_ITEMS: Record<string, string> = { review: '更新審査料', certification: '更新認定料' };
const REASONS = new Map(DECISION_REASONS.map((r) => [r.code, r.label]));

/** How many values of a list are written out before 「ほか N 件」. */
const LIST_SHOWN = 8;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The last key of a path (`fees.review` → review), which says what its values are. */
const keyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** A field's Japanese name: its own, or its parent's and its key's (条件 実行者). */
export function auditFieldLabel(path: string): string {
  if (AUDIT_FIELD_NAMES[path]) return AUDIT_FIELD_NAMES[path];
  const parts = path.split('.');
  return parts.map((part) => AUDIT_FIELD_NAMES[part] ?? part).join(' ');
}

/** One element of a list of objects as people name it (a file's name, a conflict's message). */
function elementText(value: Record<string, unknown>): string {
  if (typeof value.message === 'string') return value.message;
  if (typeof value.name === 'string') return value.name;
  if (typeof value.file === 'string') return value.file;
  if (typeof value.rule === 'string' || typeof value.ref === 'string') {
    // 参加証明 3, not 参加証明 参加証明 3 (as the console's documentLabel names documents).
    const rule =
      typeof value.rule === 'string' && value.rule !== 'doc.attendance' ? ruleName(value.rule) : '';
    const ref = typeof value.ref === 'string' ? itemRefLabel(value.ref) : '';
    return [rule, ref].filter(Boolean).join(' ');
  }
  return '1 件';
}

/** A value of the field `path`, as a person reads it. */
export function auditValueText(path: string, value: unknown): string {
  const key = keyOf(path);
  if (value === null || value === undefined || value === '') return '(なし)';
  if (Array.isArray(value)) {
    if (value.length === 0) return '(なし)';
    const texts = value.map((v) =>
      isObject(v) ? elementText(v) : auditValueText(key === 'certNos' ? 'certNo' : path, v),
    );
    const shown = texts.slice(0, LIST_SHOWN).join('、');
    return texts.length > LIST_SHOWN ? `${shown} ほか ${texts.length - LIST_SHOWN} 件` : shown;
  }
  if (isObject(value)) return elementText(value);
  if (typeof value === 'boolean') {
    if (key === 'accepted') return value ? '採用' : '不採用';
    if (key === 'released') return value ? '公表済み' : '未公表';
    return value ? 'はい' : 'いいえ';
  }
  if (typeof value === 'number') {
    return key === 'amount' || key === 'handlingFee' || path.startsWith('fees.')
      ? `${value.toLocaleString('ja-JP')} 円`
      : String(value);
  }
  const text = String(value);
  switch (key) {
    case 'ref':
      return itemRefLabel(text);
    case 'rule':
    case 'overriddenChecks':
      return ruleName(text);
    case 'reasonCodes':
      return REASONS.get(text) ?? text;
    case 'status':
      return STATUS_LABEL[text as keyof typeof STATUS_LABEL] ?? text;
    case 'role':
      return ROLES[text] ?? text;
    case 'list':
    case 'kind':
      return LISTS[text] ?? text;
    case 'item':
      return FEE_ITEMS[text] ?? text;
  }
  if (INSTANT.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return japaneseDateTime(instant);
  }
  if (DAY.test(text)) return japaneseDate(text);
  return text;
}

/** The leaves of a value by path: nested objects flattened (`fees.review`), lists kept whole. */
function leaves(value: unknown, prefix = '', into = new Map<string, unknown>()) {
  if (!isObject(value)) {
    if (prefix) into.set(prefix, value);
    return into;
  }
  for (const [key, child] of Object.entries(value)) {
    if (HIDDEN.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(child) && Object.keys(child).length > 0) leaves(child, path, into);
    else into.set(path, child);
  }
  return into;
}

const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELD_NAMES).map((key, i) => [key, i]));

/** Where a field comes in a diff: as the table names them (対象, 判定, 理由 …), unknown ones last. */
const orderOf = (path: string) =>
  FIELD_ORDER.get(path) ?? FIELD_ORDER.get(path.split('.')[0]) ?? FIELD_ORDER.size;

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an event changed: each field of before or after whose value differs, named and
 * formatted, in the order of {@link AUDIT_FIELD_NAMES} (jsonb keeps no order of its own). A field
 * only after is a value set (before null); when there is no after at all (a removal), each field
 * of before is a value removed (after null). A value that is not an object (a scalar recorded
 * alone) is shown under 値.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const wrap = (v: unknown) => (v === null || v === undefined || isObject(v) ? v : { 値: v });
  const was = leaves(wrap(before));
  const now = leaves(wrap(after));
  const hasBefore = isObject(wrap(before));
  const hasAfter = isObject(wrap(after));
  const paths = [...new Set([...now.keys(), ...was.keys()])].sort(
    (a, b) => orderOf(a) - orderOf(b),
  );
  const changes: AuditChange[] = [];
  for (const path of paths) {
    const old = was.get(path);
    const next = now.get(path);
    if (hasBefore && same(old, next)) continue;
    // A field set empty where it had no value before says nothing (合格とした未通過の確認: なし).
    if (!was.has(path) && isEmpty(next)) continue;
    // After names what the action wrote: a field it left out was not removed (公表 of a decision
    // recorded, not released). Only an event with no after at all (a removal) removes them.
    if (hasAfter && !now.has(path)) continue;
    changes.push({
      path,
      label: auditFieldLabel(path),
      before: hasBefore && was.has(path) ? auditValueText(path, old) : null,
      after: now.has(path) ? auditValueText(path, next) : null,
    });
  }
  return changes;
}
