import type { CheckInput, CheckOutcome, CheckResult, Outcome } from './check-input.js';
import type { ApplicantForm, CaseForm } from '../dossiers/dossier-forms.js';
import type { PaymentFacts } from '../fees/payment-facts.js';
import type { FacilityFacts } from '../masters/master-records.js';
import { jstDay } from '../common/japan-time.js';
import { classifyDiagnosis, diagnosisKey } from './diagnosis-classifier.js';

/**
 * Every rule of rules.md as a pure function of the dossier's data and the round's settings.
 * Nothing here knows Nest or the database; settings come from the round, never constants.
 */

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
const MEMBER_TYPES = new Set(['正会員', '名誉会員', '功労会員', '特別会員']);
const TRACKED_MAIL = new Set(['簡易書留', '一般書留', 'レターパックプラス']);
export const PREFECTURES = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
];
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

/** 'YYYY-MM' → a month number that compares. */
const monthOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const ymText = (m: number) => `${Math.floor(m / 12)}年${(m % 12) + 1}月`;

/** The dossier's period (rules.md): from 前回認定日 to 申請登録日時, or the deadline for a draft. */
export function periodOf(input: CheckInput) {
  const end = input.applicant.registeredAt ?? input.round.registrationDeadline;
  const firstDay = input.applicant.lastCertifiedOn;
  const lastDay = jstDay(new Date(end));
  return { firstDay, lastDay, firstMonth: monthOf(firstDay), lastMonth: monthOf(lastDay) };
}

const result = (
  rule: string,
  outcome: Outcome,
  ref: string | null,
  message: string,
  details?: Record<string, unknown>,
): CheckResult =>
  details ? { rule, outcome, ref, message, details } : { rule, outcome, ref, message };

// ───────────────────────────── cases ─────────────────────────────

export function caseRules(input: CheckInput): { ref: string; results: CheckResult[] }[] {
  const period = periodOf(input);
  const sheets = new Map(input.caseSheets.map((s) => [s.sheetNo, s]));
  const twinKey = (c: CaseForm) => `${diagnosisKey(c.diagnosis)}|${c.age}|${c.sex}|${c.startMonth}`;
  const twins = new Map<string, number>();
  for (const c of input.cases) twins.set(twinKey(c), (twins.get(twinKey(c)) ?? 0) + 1);

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

// ───────────────────────────── attendances ─────────────────────────────

export function attendanceRules(input: CheckInput): CheckResult[] {
  const period = periodOf(input);
  const seen = new Set<string>();
  return [...input.attendances]
    .sort((a, b) => a.no - b.no)
    .map((a) => {
      const ref = `attendance:${a.no}`;
      const meeting = input.meetings.get(a.meetingCode);
      const twice = seen.has(a.meetingCode);
      seen.add(a.meetingCode);
      if (!meeting)
        return result(
          'attendance.meeting',
          'fail',
          ref,
          `学術集会コード「${a.meetingCode}」は一覧にありません`,
        );
      if (meeting.kind === '地方会')
        return result('attendance.meeting', 'fail', ref, '地方会は参加実績として数えられません');
      if (meeting.startsOn < period.firstDay || meeting.startsOn > period.lastDay) {
        return result(
          'attendance.meeting',
          'fail',
          ref,
          `開催日(${meeting.startsOn})が対象期間(${period.firstDay}〜${period.lastDay})の外です`,
        );
      }
      if (twice)
        return result(
          'attendance.meeting',
          'fail',
          ref,
          '同じ学術集会が 2 回登録されています(2 回目は数えません)',
        );
      return result('attendance.meeting', 'pass', ref, '対象となる学術集会です');
    });
}

// ───────────────────────────── dossier rules ─────────────────────────────

/** Where mail to the applicant goes by their 申請1 (a later change notice overrides it). */
export function mailingAddress(
  applicant: ApplicantForm,
  facilities: ReadonlyMap<string, FacilityFacts>,
): { postalCode?: string; prefecture?: string; address?: string } {
  if (applicant.mailTo === '別途指定') {
    return {
      postalCode: applicant.mailPostalCode,
      prefecture: applicant.mailPrefecture,
      address: applicant.mailAddress,
    };
  }
  if (applicant.workplaceKind === '認定研修施設')
    return facilities.get(applicant.workplaceFacilityNo ?? '') ?? {};
  return {
    postalCode: applicant.workplacePostalCode,
    prefecture: applicant.workplacePrefecture,
    address: applicant.workplaceAddress,
  };
}

export function dossierRules(
  input: CheckInput,
  counting: { cases: number; casesUnderReview: number; attendances: number },
): CheckResult[] {
  const { applicant: a, round, asOf } = input;
  const out: CheckResult[] = [];
  const passed = (deadline: string) => asOf.getTime() > new Date(deadline).getTime();

  // registration
  if (!a.registeredAt)
    out.push(result('registration', 'pending', null, '申請登録がまだです(下書きのまま)'));
  else if (new Date(a.registeredAt) > new Date(round.registrationDeadline)) {
    out.push(result('registration', 'fail', null, '申請登録が期限の後です'));
  } else out.push(result('registration', 'pass', null, '期限内に申請登録されています'));

  // licence
  out.push(
    (a.licenceType === '医師' || a.licenceType === '歯科医師') && a.licenceNo
      ? result('licence', 'pass', null, `${a.licenceType}免許(番号あり)`)
      : result(
          'licence',
          'fail',
          null,
          a.licenceNo ? `免許種別「${a.licenceType}」は対象外です` : '免許番号が空欄です',
        ),
  );

  // membership
  const societyKnown = input.societyCodes.has(a.societyCode);
  out.push(
    societyKnown && a.memberNo && MEMBER_TYPES.has(a.memberType)
      ? result('membership', 'pass', null, `所属学会 ${a.societyCode}・${a.memberType}`)
      : result(
          'membership',
          'fail',
          null,
          !societyKnown
            ? `所属学会コード「${a.societyCode}」は認められた学会ではありません`
            : !a.memberNo
              ? '会員番号が空欄です'
              : `会員種別「${a.memberType}」は対象外です(正会員・名誉会員・功労会員・特別会員)`,
        ),
  );

  // fee.review
  out.push(
    feeResult('fee.review', '更新審査料', input.payments, round.fees.review, round.fees.handling, {
      deadline: round.reviewFeeDeadline,
      deadlinePassed: passed(round.reviewFeeDeadline),
    }),
  );

  // elearning
  // Field names compare after NFKC: exports write 病理学（…） with full- or half-width brackets.
  const field = (name: string) => name.normalize('NFKC');
  const inTime = input.elearning.filter(
    (e) => new Date(e.completedAt) <= new Date(round.elearningDeadline),
  );
  const missingMandatory = MANDATORY_FIELDS.filter(
    (f) => !inTime.some((e) => field(e.field) === field(f) && e.miniTestScore === 5),
  );
  const electives = ELECTIVE_FIELDS.filter((f) =>
    inTime.some((e) => field(e.field) === field(f)),
  ).length;
  const required = round.requirements.electives;
  if (missingMandatory.length === 0 && electives >= required) {
    out.push(
      result('elearning', 'pass', null, `必修 7 分野と選択 ${electives} 分野を期限内に修了`),
    );
  } else {
    const what = [
      missingMandatory.length
        ? `必修の未修了(5 問全問正解でない分野を含む): ${missingMandatory.join('、')}`
        : '',
      electives < required ? `選択分野は ${electives} 分野(${required} 分野必要)` : '',
    ]
      .filter(Boolean)
      .join('。');
    out.push(result('elearning', passed(round.elearningDeadline) ? 'fail' : 'pending', null, what));
  }

  // palliative
  if (!a.deferred) out.push(result('palliative', 'pass', null, '更新猶予歴がないため不要です'));
  else if (!a.palliativeHost || !a.palliativeCertificateNo || !a.palliativeApprovedOn) {
    out.push(
      result(
        'palliative',
        'fail',
        null,
        '更新猶予歴がありますが、緩和ケア研修会の修了情報がありません',
      ),
    );
  } else if (a.palliativeCertificateNo === '000000') {
    out.push(
      result(
        'palliative',
        'review',
        null,
        '緩和ケア研修会の修了証書番号が「000000」(不明)です。修了証で確認してください',
      ),
    );
  } else out.push(result('palliative', 'pass', null, '緩和ケア研修会の修了情報があります'));

  // cases.sheets
  const req = round.requirements;
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
  out.push(
    sheetProblem
      ? result('cases.sheets', 'fail', null, sheetProblem)
      : result('cases.sheets', 'pass', null, '一覧表の使い方は正しいです'),
  );

  // cases.count
  out.push(
    counting.cases >= req.cases
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
          ),
  );

  // attendances.count
  out.push(
    counting.attendances >= req.attendances && input.attendances.length <= req.maxAttendances
      ? result(
          'attendances.count',
          'pass',
          null,
          `数えられる学術集会参加 ${counting.attendances} 件`,
        )
      : result(
          'attendances.count',
          'fail',
          null,
          input.attendances.length > req.maxAttendances
            ? `学術集会が ${input.attendances.length} 件登録されています(${req.maxAttendances} 件まで)`
            : `数えられる学術集会参加が ${counting.attendances} 件で、${req.attendances} 件に足りません`,
        ),
  );

  // address
  const address = mailingAddress(a, input.facilities);
  const complete =
    /^\d{7}$/.test((address.postalCode ?? '').replace(/-/g, '')) &&
    PREFECTURES.includes(address.prefecture ?? '') &&
    !!address.address;
  out.push(
    complete
      ? result('address', 'pass', null, '送付先住所はそろっています')
      : result(
          'address',
          'review',
          null,
          '送付先の郵便番号(7 桁)・都道府県・住所のいずれかが不完全です。結果を郵送できません',
        ),
  );

  // mail.postmark, mail.type: the first envelope
  const first = input.envelopes[0];
  if (!first) {
    out.push(result('mail.postmark', 'pending', null, '書類の郵便はまだ届いていません'));
    out.push(result('mail.type', 'pending', null, '書類の郵便はまだ届いていません'));
  } else {
    // Dossier rules carry no ref (rules.md); the envelope is named in the details.
    const envelope = { envelope: first.receiptNo };
    const postmark: [Outcome, string] =
      first.postmarkedOn === null
        ? ['review', '消印が読めません。到着日などから期限内か判断してください']
        : first.postmarkedOn > round.postmarkDeadline
          ? ['fail', `消印(${first.postmarkedOn})が期限(${round.postmarkDeadline})の後です`]
          : ['pass', `消印 ${first.postmarkedOn}(期限内)`];
    out.push(result('mail.postmark', postmark[0], null, postmark[1], envelope));
    const tracked = TRACKED_MAIL.has(first.mailKind);
    out.push(
      result(
        'mail.type',
        tracked ? 'pass' : 'review',
        null,
        tracked
          ? `${first.mailKind}で届きました`
          : `${first.mailKind || '種別不明'}で届きました(追跡できない郵便。期限内の到着なら認められます)`,
        envelope,
      ),
    );
  }

  // Documents: pending until a person verifies them; a person's mark decides (found → pass,
  // missing or insufficient → fail) until a later envelope re-opens a deficiency.
  const doc = (rule: string, ref: string | null, what: string) =>
    out.push(documentResult(input, rule, ref, what));
  doc('doc.cover', null, '表紙(日付・署名・押印)');
  for (const sheet of [
    ...new Set(input.cases.map((c) => c.sheetNo).concat(input.caseSheets.map((s) => s.sheetNo))),
  ].sort()) {
    doc('doc.seal', `sheet:${sheet}`, `一覧表(${sheet})の病院長公印`);
  }
  doc('doc.elearning', null, 'e-learning 修了証');
  for (const att of [...input.attendances].sort((x, y) => x.no - y.no)) {
    doc('doc.attendance', `attendance:${att.no}`, `参加証明(${att.no})`);
  }
  if (a.deferred) doc('doc.palliative', null, '緩和ケア研修会修了証');
  if (a.formerName) doc('doc.name-change', null, '氏名変更を証明する書類');
  return out;
}

/**
 * One fee (rules.md fee.review, fee.certification): one paid (入金済) payment of the item, of
 * the fee plus the handling fee, by the deadline when there is one. None: pending, or fail once
 * the deadline passed; twice: review (a refund is due); a wrong amount: review.
 */
export function feeResult(
  rule: string,
  item: '更新審査料' | '更新認定料',
  payments: readonly PaymentFacts[],
  fee: number,
  handling: number,
  deadline?: { deadline: string; deadlinePassed: boolean },
): CheckResult {
  const valid = payments.filter(
    (p) =>
      p.item === item &&
      p.status === '入金済' &&
      (!deadline || new Date(p.paidAt) <= new Date(deadline.deadline)),
  );
  if (valid.length === 0) {
    return deadline?.deadlinePassed
      ? result(rule, 'fail', null, `期限までに支払われた${item}がありません`)
      : result(rule, 'pending', null, `${item}の入金はまだありません`);
  }
  const payments_ = { payments: valid.map((p) => p.transactionId) };
  if (valid.length > 1) {
    return result(
      rule,
      'review',
      null,
      `${item}が ${valid.length} 回支払われています(返金が必要です)`,
      payments_,
    );
  }
  if (valid[0].amount !== fee || valid[0].handlingFee !== handling) {
    return result(
      rule,
      'review',
      null,
      `金額が違います(${valid[0].amount ?? '?'}円+手数料${valid[0].handlingFee ?? '?'}円。正しくは ${fee}円+${handling}円)`,
      payments_,
    );
  }
  return result(rule, 'pass', null, `${item}は支払済みです`, payments_);
}

/** rules.md fee.certification: the 更新認定料 asked of 合格 (no deadline). */
export function certificationFee(
  payments: readonly PaymentFacts[],
  fees: { certification: number; handling: number },
): CheckResult {
  return feeResult('fee.certification', '更新認定料', payments, fees.certification, fees.handling);
}

/** The key of a document item in CheckInput.documents: `doc.seal@sheet:2`, `doc.cover@`. */
export const documentKey = (rule: string, ref: string | null) => `${rule}@${ref ?? ''}`;

const DOCUMENT_FAILURE: Record<'missing' | 'insufficient', string> = {
  missing: 'がありません',
  insufficient: 'が不十分です',
};

function documentResult(
  input: CheckInput,
  rule: string,
  ref: string | null,
  what: string,
): CheckResult {
  const mark = input.documents?.get(documentKey(rule, ref));
  const note = mark?.note ? `(${mark.note})` : '';
  if (!mark) return result(rule, 'pending', ref, `${what}の確認待ちです`);
  if (mark.status === 'found') return result(rule, 'pass', ref, `${what}を確認しました${note}`);
  // A deficiency is re-opened by an envelope that arrived after the day it was marked.
  const markedOn = jstDay(new Date(mark.checkedAt));
  const later = input.envelopes.filter((e) => e.arrivedOn > markedOn);
  if (later.length > 0) {
    return result(
      rule,
      'pending',
      ref,
      `${what}は不備でしたが、その後に郵便(${later[later.length - 1].receiptNo})が届きました。もう一度確認してください`,
    );
  }
  return result(rule, 'fail', ref, `${what}${DOCUMENT_FAILURE[mark.status]}${note}`);
}

/** Case and attendance rules, counts, dossier rules and the automatic verdict. */
export function runChecks(input: CheckInput): CheckOutcome {
  const cases = caseRules(input);
  const overrides = input.overrides ?? new Map<string, boolean>();
  let counted = 0;
  let underReview = 0;
  for (const c of cases) {
    // A reviewer's acceptance or rejection replaces the automatic result; spares then count.
    const override = overrides.get(c.ref);
    if (override !== undefined) {
      if (override) counted++;
      continue;
    }
    const outcomes = c.results.map((r) => r.outcome);
    if (outcomes.includes('fail')) continue;
    if (outcomes.includes('review')) underReview++;
    else counted++;
  }
  const attendances = attendanceRules(input);
  const counts = {
    cases: counted,
    casesUnderReview: underReview,
    attendances: attendances.filter((r) =>
      overrides.has(r.ref ?? '') ? overrides.get(r.ref ?? '') : r.outcome === 'pass',
    ).length,
  };
  const dossier = dossierRules(input, counts);
  const outcomes = dossier.map((r) => r.outcome);
  const verdict = outcomes.includes('fail')
    ? 'fail'
    : outcomes.some((o) => o === 'review' || o === 'pending')
      ? 'review'
      : 'pass';
  // After the decision (rules.md): not part of the automatic verdict, which advises the decision.
  const after =
    input.decision === '合格' ? [certificationFee(input.payments, input.round.fees)] : [];
  return {
    results: [...dossier, ...after, ...cases.flatMap((c) => c.results), ...attendances],
    counts,
    verdict,
  };
}

const SEVERITY: Record<Outcome, number> = { fail: 0, review: 1, pending: 2, pass: 3 };

/**
 * Each rule's worst outcome over its references (fail, then review, then pending, then pass):
 * what lists filter on ("mail not received", "review fee not paid") and dashboards count.
 */
export function worstOutcomes(results: readonly CheckResult[]): Record<string, Outcome> {
  const worst: Record<string, Outcome> = {};
  for (const r of results) {
    const seen = worst[r.rule];
    if (seen === undefined || SEVERITY[r.outcome] < SEVERITY[seen]) worst[r.rule] = r.outcome;
  }
  return worst;
}
