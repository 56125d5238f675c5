import type { CheckInput, CheckResult } from './check-input.js';
import { deadlinePassed, result } from './rule-helpers.js';

/** The e-learning rule of rules.md: the mandatory and elective fields, by the deadline. */

export const MANDATORY_FIELDS = [
  '遺伝性腫瘍',
  '画像診断学',
  '外科治療学概論',
  '化学療法概論',
  '分子標的薬概論',
  '免疫療法概論',
  '放射線療法概論',
];
export const ELECTIVE_FIELDS = [
  'がんの生物学・分子生物学',
  '病理学（分子病理学を含む）',
  '緩和医療特論',
  '精神腫瘍学（サイコオンコロジー）',
  'がん救急',
  'がんの診療と倫理',
];

// Field names compare after NFKC: exports write 病理学（…） with full- or half-width brackets.
const field = (name: string) => name.normalize('NFKC');

/** Whether a field is mandatory (必修) or elective (選択); null for one not in rules.md. */
export function elearningFieldKind(name: string): '必修' | '選択' | null {
  if (MANDATORY_FIELDS.some((f) => field(f) === field(name))) return '必修';
  if (ELECTIVE_FIELDS.some((f) => field(f) === field(name))) return '選択';
  return null;
}

/** elearning: the 7 mandatory fields with 5 of 5, and enough electives, by the deadline. */
export function elearningRule(input: CheckInput): CheckResult {
  const { round } = input;
  const deadline = new Date(round.elearningDeadline);
  // Each name normalised once: this runs for every dossier of every check.
  const inTime = input.elearning
    .filter((e) => new Date(e.completedAt) <= deadline)
    .map((e) => ({ field: field(e.field), miniTestScore: e.miniTestScore }));
  const missingMandatory = MANDATORY_FIELDS.filter((f) => {
    const name = field(f);
    return !inTime.some((e) => e.field === name && e.miniTestScore === 5);
  });
  const electives = ELECTIVE_FIELDS.filter((f) => {
    const name = field(f);
    return inTime.some((e) => e.field === name);
  }).length;
  const required = round.requirements.electives;
  if (missingMandatory.length === 0 && electives >= required) {
    return result('elearning', 'pass', null, `必修 7 分野と選択 ${electives} 分野を期限内に修了`);
  }
  const what = [
    missingMandatory.length
      ? `必修の未修了(5 問全問正解でない分野を含む): ${missingMandatory.join('、')}`
      : '',
    electives < required ? `選択分野は ${electives} 分野(${required} 分野必要)` : '',
  ]
    .filter(Boolean)
    .join('。');
  return result(
    'elearning',
    deadlinePassed(input, round.elearningDeadline) ? 'fail' : 'pending',
    null,
    what,
  );
}
