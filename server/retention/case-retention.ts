/**
 * How long a round keeps its patients' data. Pure functions: the rest of the purge is SQL.
 */

/** The fields of a case (dossier-forms.ts CaseForm) that describe the patient. */
export const PATIENT_FIELDS = ['age', 'sex', 'diagnosis', 'pathology', 'itemOther'] as const;

/** What a purged case keeps of them: the shape stays, the values go. */
export const PURGED_CASE_VALUES = { age: null, sex: '', diagnosis: '', pathology: '' } as const;

/** The check results' message of a case once its details are gone. */
export const PURGED_MESSAGE = '保存期間を過ぎたため症例の内容は削除しました';

/**
 * The first day the round's case details may be purged: its renewal date plus the years kept
 * (29 February plus a year is 1 March).
 */
export function purgeableFrom(renewalDate: string, years: number): string {
  const [y, m, d] = renewalDate.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y + years, m - 1, d));
  return day.toISOString().slice(0, 10);
}
