/**
 * Every rule of rules.md by the name people know it by: the export's 通過していない規則, the
 * server's messages and the console's Japanese labels (admin-ui/src/i18n/ja.ts) read this one
 * table. Pure and free of imports, for the console to import too.
 */
export const RULE_NAMES: Readonly<Record<string, string>> = {
  registration: '申請登録',
  licence: '医師免許',
  membership: '学会会員',
  'fee.review': '更新審査料',
  'fee.certification': '更新認定料',
  elearning: 'e-learning',
  palliative: '緩和ケア研修会',
  'cases.sheets': '症例一覧表の使い方',
  'cases.count': '症例数',
  'attendances.count': '学術集会の参加数',
  address: '送付先住所',
  'mail.postmark': '消印',
  'mail.type': '郵便の種類',
  'doc.cover': '表紙(署名・押印)',
  'doc.seal': '病院長公印',
  'doc.elearning': 'e-learning 修了証',
  'doc.attendance': '参加証明',
  'doc.palliative': '緩和ケア研修会修了証',
  'doc.name-change': '氏名変更の証明',
  'case.period': '症例の期間',
  'case.tenure': '在籍期間',
  'case.item': '診療項目',
  'case.diagnosis': '診断名',
  'case.confirmed': 'がんの確定',
  'case.patient': '年齢・性別',
  'case.duplicate': '重複症例',
  'attendance.meeting': '学術集会',
};

/** A rule's name; one this table does not know is never shown by its ID. */
export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? 'その他の確認';
}

/** The names nested at the ID's dot (`fee.review` → fee: { review }), as i18n keys are. */
export function ruleNameMessages(): Record<string, string | Record<string, string>> {
  const nested: Record<string, string | Record<string, string>> = {};
  for (const [id, name] of Object.entries(RULE_NAMES)) {
    const [head, tail] = id.split(/\.(.*)/);
    if (tail) nested[head] = { ...(nested[head] as Record<string, string>), [tail]: name };
    else nested[head] = name;
  }
  return nested;
}
