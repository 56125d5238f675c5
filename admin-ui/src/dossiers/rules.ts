/** Rule IDs of rules.md in the order people read them; labels under shinsa.rules.<id>. */
export const RULE_IDS = [
  'registration',
  'licence',
  'membership',
  'fee.review',
  'elearning',
  'palliative',
  'cases.sheets',
  'cases.count',
  'attendances.count',
  'address',
  'mail.postmark',
  'mail.type',
  'doc.cover',
  'doc.seal',
  'doc.elearning',
  'doc.attendance',
  'doc.palliative',
  'doc.name-change',
  'case.period',
  'case.tenure',
  'case.item',
  'case.diagnosis',
  'case.confirmed',
  'case.patient',
  'case.duplicate',
  'attendance.meeting',
] as const;

export const RULE_CHOICES = RULE_IDS.map((id) => ({ id, name: `shinsa.rules.${id}` }));

/** The chip colour of a check's outcome. */
export const OUTCOME_COLOR: Record<string, 'success' | 'error' | 'warning' | 'default'> = {
  pass: 'success',
  fail: 'error',
  review: 'warning',
  pending: 'default',
};

/** Filter choices of the dossier list, labelled in i18n. */
export const DECISION_FILTER_CHOICES = ['合格', '不合格', '保留', 'none', 'unreleased'].map(
  (id) => ({ id, name: `shinsa.filters.decision.${id}` }),
);
export const MAIL_FILTER_CHOICES = ['notReceived', 'received', 'problem'].map((id) => ({
  id,
  name: `shinsa.filters.mail.${id}`,
}));
export const FEE_FILTER_CHOICES = ['pass', 'pending', 'fail', 'review'].map((id) => ({
  id,
  name: `shinsa.filters.fee.${id}`,
}));
export const RULE_OUTCOME_CHOICES = ['fail', 'review', 'pending'].map((id) => ({
  id,
  name: `shinsa.filters.ruleOutcome.${id}`,
}));
