import type { CheckInput, CheckResult, Outcome } from './check-input.js';
import type { CaseForm } from '../dossiers/dossier-forms.js';
import { classifyDiagnosis, diagnosisKey } from './diagnosis-classifier.js';
import { monthOf, periodOf, result, ymText } from './rule-helpers.js';

/** The case rules of rules.md: each case of 申請2 (case.*), and the sheets and count (cases.*). */

export const TREATMENT_ITEMS = [
  '手術',
  '薬物療法',
  '放射線治療',
  '緩和治療',
  'IVR',
  '内視鏡的治療',
  '再建手術',
  '免疫療法',
  '画像診断',
  'がん検診',
  '経過観察',
  '造血幹細胞移植',
  'ラジオ波焼灼療法',
  '放射線診断',
  '病理診断',
  '内視鏡診断',
  '腫瘍マーカー診断',
  'がん患者のリハビリテーション',
  '健康診断',
  'セカンドオピニオン',
  'がんゲノム医療',
  '口腔ケア',
] as const;
/** ※ in rules.md: count only when cancer was confirmed. */
export const DIAGNOSTIC_ITEMS = new Set([
  '画像診断',
  'がん検診',
  '放射線診断',
  '病理診断',
  '内視鏡診断',
  '腫瘍マーカー診断',
  '健康診断',
]);
/** Sites of one sex (ICD-10 categories); breast cancer occurs in men and is not among them. */
const MALE_ONLY = new Set(['C60', 'C61', 'C62', 'C63', 'N40']);
const FEMALE_ONLY = new Set([
  'C51',
  'C52',
  'C53',
  'C54',
  'C55',
  'C56',
  'C57',
  'C58',
  'D06',
  'D25',
  'D26',
  'N87',
]);

export function caseRules(input: CheckInput): { ref: string; results: CheckResult[] }[] {
  const period = periodOf(input);
  const sheets = new Map(input.caseSheets.map((s) => [s.sheetNo, s]));
  // Each case's key made once (it normalises the diagnosis).
  const twinKeys = new Map(
    input.cases.map((c) => [c, `${diagnosisKey(c.diagnosis)}|${c.age}|${c.sex}|${c.startMonth}`]),
  );
  const twinKey = (c: CaseForm) => twinKeys.get(c)!;
  const twins = new Map<string, number>();
  for (const key of twinKeys.values()) twins.set(key, (twins.get(key) ?? 0) + 1);

  return input.cases.map((c) => {
    const ref = `case:${c.sheetNo}-${c.caseNo}`;
    const start = monthOf(c.startMonth);
    const end = monthOf(c.endMonth);
    const out: CheckResult[] = [];

    // case.period
    if (end < start) {
      out.push(
        result(
          'case.period',
          'fail',
          ref,
          `診療終了年月(${ymText(end)})が開始年月(${ymText(start)})より前です`,
        ),
      );
    } else if (end < period.firstMonth || start > period.lastMonth) {
      out.push(
        result(
          'case.period',
          'fail',
          ref,
          `診療期間が申請の対象期間(${ymText(period.firstMonth)}〜${ymText(period.lastMonth)})の外です`,
        ),
      );
    } else if (start < period.firstMonth) {
      out.push(
        result(
          'case.period',
          'review',
          ref,
          `診療開始年月が対象期間の初月(${ymText(period.firstMonth)})より前です。初月として記入すべきものか確認してください`,
        ),
      );
    } else out.push(result('case.period', 'pass', ref, '診療期間は対象期間内です'));

    // case.tenure
    const sheet = sheets.get(c.sheetNo);
    const tenures = sheet
      ? ([
          [sheet.tenureStart1, sheet.tenureEnd1],
          [sheet.tenureStart2, sheet.tenureEnd2],
          [sheet.tenureStart3, sheet.tenureEnd3],
        ].filter(([s, e]) => s && e) as [string, string][])
      : [];
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    const overlaps = tenures.some(([s, e]) => lo <= monthOf(e) && hi >= monthOf(s));
    out.push(
      overlaps
        ? result('case.tenure', 'pass', ref, '在籍期間中の症例です')
        : result(
            'case.tenure',
            'review',
            ref,
            sheet
              ? `診療期間が一覧表${c.sheetNo}の在籍期間と重なりません`
              : `一覧表${c.sheetNo}の施設・在籍期間がありません`,
          ),
    );

    // case.item
    const items: readonly string[] = TREATMENT_ITEMS;
    if (c.item === '口腔ケア' && input.applicant.certKind !== '歯科口腔外科') {
      out.push(
        result('case.item', 'fail', ref, '口腔ケアは認定区分が歯科口腔外科の人だけが登録できます'),
      );
    } else if (items.includes(c.item))
      out.push(result('case.item', 'pass', ref, `診療項目「${c.item}」`));
    else if (c.item === 'その他') {
      out.push(
        result(
          'case.item',
          'review',
          ref,
          `診療項目「その他」(${c.itemOther || '内容の記載なし'}):委員会が判断します`,
        ),
      );
    } else out.push(result('case.item', 'fail', ref, `診療項目「${c.item}」は一覧にない項目です`));

    // case.diagnosis
    const dx = classifyDiagnosis(c.diagnosis);
    const details = { icd10: dx.icd10, class: dx.class };
    const dxMessages: Record<typeof dx.class, [Outcome, string]> = {
      malignant: [
        'pass',
        dx.icd10 ? `悪性腫瘍(ICD-10 ${dx.icd10})` : '悪性腫瘍(手引きで対象とされる疾患)',
      ],
      benign: ['fail', `「${c.diagnosis}」は良性腫瘍などで、対象外の疾患です`],
      nonNeoplastic: ['fail', `「${c.diagnosis}」は腫瘍ではない疾患で、対象外です`],
      outside: [
        'fail',
        `「${c.diagnosis}」(ICD-10 ${dx.icd10})は C00–C97・D00–D09 の外で、対象外です`,
      ],
      abbreviation: [
        'review',
        `診断名「${c.diagnosis}」が略語です(一般名で書く決まり)。委員会が判断します`,
      ],
      precancerous: ['review', `「${c.diagnosis}」は前癌病変です。委員会が判断します`],
      unclassifiable: [
        'review',
        `診断名「${c.diagnosis || '(空欄)'}」から悪性腫瘍か判断できません。確認してください`,
      ],
    };
    const [dxOutcome, dxMessage] = dxMessages[dx.class];
    out.push(result('case.diagnosis', dxOutcome, ref, dxMessage, details));

    // case.confirmed
    const pathology = (c.pathology ?? '').normalize('NFKC').trim();
    out.push(
      DIAGNOSTIC_ITEMS.has(c.item) && (pathology === '無し' || pathology === '')
        ? result(
            'case.confirmed',
            'review',
            ref,
            `診断の項目(${c.item})で病理診断名が「無し」です。がんの確定を確認してください`,
          )
        : result('case.confirmed', 'pass', ref, 'がんの確定に問題はありません'),
    );

    // case.patient
    if (c.age === null || c.age === undefined || c.age < 0 || c.age > 120) {
      out.push(
        result(
          'case.patient',
          'fail',
          ref,
          c.age === null || c.age === undefined
            ? '患者の年齢が空欄です'
            : `患者の年齢 ${c.age} 歳は 0〜120 の外です`,
        ),
      );
    } else if (
      dx.icd10 &&
      ((MALE_ONLY.has(dx.icd10) && c.sex !== '男') || (FEMALE_ONLY.has(dx.icd10) && c.sex !== '女'))
    ) {
      out.push(
        result(
          'case.patient',
          'review',
          ref,
          `「${c.diagnosis}」に対して患者の性別が「${c.sex}」です。確認してください`,
        ),
      );
    } else out.push(result('case.patient', 'pass', ref, '患者の年齢・性別に問題はありません'));

    // case.duplicate
    out.push(
      (twins.get(twinKey(c)) ?? 0) > 1
        ? result(
            'case.duplicate',
            'review',
            ref,
            '診断名・年齢・性別・開始年月が同じ症例が他にあります(重複の可能性)',
          )
        : result('case.duplicate', 'pass', ref, '重複の疑いはありません'),
    );
    return { ref, results: out };
  });
}

/** What the cases of the dossier count (runChecks): counted, and under review. */
export interface CaseCounts {
  cases: number;
  casesUnderReview: number;
}

/** cases.sheets: sheet (1) first, later sheets only while short of the cases needed. */
export function caseSheetsRule(input: CheckInput): CheckResult {
  const req = input.round.requirements;
  const perSheet = (no: number) => {
    const onSheet = input.cases.filter((c) => c.sheetNo === no).length;
    return input.caseSheets.some((s) => s.sheetNo === no) || onSheet > 0 ? onSheet : null;
  };
  const [n1, n2, n3] = [perSheet(1), perSheet(2), perSheet(3)];
  const total = input.cases.length;
  const sheetProblem =
    n1 === null
      ? '一覧表(1)がありません'
      : n2 !== null && n1 >= req.cases
        ? `一覧表(1)だけで ${n1} 例あるのに一覧表(2)が使われています`
        : n3 !== null && (n2 === null || n1 + n2 >= req.cases)
          ? '一覧表(1)(2)で足りるのに一覧表(3)が使われています'
          : total > req.maxCases
            ? `症例が ${total} 例です(${req.maxCases} 例まで)`
            : null;
  return sheetProblem
    ? result('cases.sheets', 'fail', null, sheetProblem)
    : result('cases.sheets', 'pass', null, '一覧表の使い方は正しいです');
}

/** cases.count: enough cases counting, or enough only with those under review. */
export function caseCountRule(input: CheckInput, counting: CaseCounts): CheckResult {
  const req = input.round.requirements;
  return counting.cases >= req.cases
    ? result(
        'cases.count',
        'pass',
        null,
        `数えられる症例 ${counting.cases} 例(${req.cases} 例必要)`,
      )
    : counting.cases + counting.casesUnderReview >= req.cases
      ? result(
          'cases.count',
          'review',
          null,
          `確認中の症例を含めると ${counting.cases + counting.casesUnderReview} 例(確認中 ${counting.casesUnderReview} 例)`,
        )
      : result(
          'cases.count',
          'fail',
          null,
          `数えられる症例が ${counting.cases} 例で、${req.cases} 例に足りません`,
        );
}
