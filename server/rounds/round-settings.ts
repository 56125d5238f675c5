/**
 * The settings of a renewal round as formats.md writes them (the JSON of `round load` and of
 * the console), their validation, and conversion to and from stored values. No Nest, no DB.
 */
import type { FieldProblem } from '../common/field-problem.js';
import { formatJst, jstDay, parseDay, parseInstant } from '../common/japan-time.js';
export interface RoundSettings {
  round: string;
  label: string;
  applicationOpens: string;
  reviewFeeDeadline: string;
  elearningDeadline: string;
  registrationDeadline: string;
  postmarkDeadline: string;
  resultsAddressCutoff: string;
  certificateAddressCutoff: string;
  renewalDate: string;
  fees: { review: number; certification: number; handling: number };
  requirements: {
    cases: number;
    maxCases: number;
    attendances: number;
    maxAttendances: number;
    electives: number;
  };
  pinBadgeAtRenewal: number;
  /** Who the letters come from (their letterhead and the window envelope's back); optional. */
  sender?: RoundSender;
}

/** The sender printed on the round's letters: the secretariat's name, address and telephone. */
export interface RoundSender {
  organisation: string;
  postalCode: string;
  address: string;
  telephone: string;
}

export type ParseResult =
  { ok: true; settings: RoundSettings } | { ok: false; problems: FieldProblem[] };

const DATE_TIME_FIELDS = [
  'applicationOpens',
  'reviewFeeDeadline',
  'elearningDeadline',
  'registrationDeadline',
] as const;
const DATE_FIELDS = [
  'postmarkDeadline',
  'resultsAddressCutoff',
  'certificateAddressCutoff',
  'renewalDate',
] as const;
const FEE_FIELDS = ['review', 'certification', 'handling'] as const;
const REQUIREMENT_FIELDS = [
  'cases',
  'maxCases',
  'attendances',
  'maxAttendances',
  'electives',
] as const;
const TOP_LEVEL_FIELDS = new Set<string>([
  'round',
  'label',
  ...DATE_TIME_FIELDS,
  ...DATE_FIELDS,
  'fees',
  'requirements',
  'pinBadgeAtRenewal',
  'sender',
]);
const SENDER_FIELDS = ['organisation', 'postalCode', 'address', 'telephone'] as const;

/** The six electives of the e-learning: a round cannot ask for more. */
const ELECTIVE_FIELDS_OFFERED = 6;

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates round settings. Every problem is reported with its field, so one pass tells the
 * secretariat all that must be fixed. Date-times are normalised to Japan time.
 */
export function parseRoundSettings(input: unknown): ParseResult {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!isRecord(input)) {
    return {
      ok: false,
      problems: [{ field: '', message: '年度設定は JSON のオブジェクトで指定してください' }],
    };
  }

  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_FIELDS.has(key)) {
      add(key, `不明な項目です。使える項目: ${[...TOP_LEVEL_FIELDS].join(', ')}`);
    }
  }

  const round = typeof input.round === 'string' ? input.round.trim() : '';
  if (!/^[0-9A-Za-z_-]{1,16}$/.test(round)) {
    add('round', '年度IDは 1〜16 文字の半角英数字・「-」「_」で指定してください(例: 2021)');
  }
  const label = typeof input.label === 'string' ? input.label.trim() : '';
  if (label.length === 0 || label.length > 100) {
    add('label', '表示名を 1〜100 文字で指定してください(例: 2021年度)');
  }

  const instants: Partial<Record<(typeof DATE_TIME_FIELDS)[number], Date>> = {};
  for (const field of DATE_TIME_FIELDS) {
    const instant = parseInstant(input[field]);
    if (instant) instants[field] = instant;
    else add(field, '日時を 2021-09-16T23:59:59+09:00 の形式で指定してください');
  }
  const days: Partial<Record<(typeof DATE_FIELDS)[number], string>> = {};
  for (const field of DATE_FIELDS) {
    const day = parseDay(input[field]);
    if (day) days[field] = day;
    else add(field, '日付を 2021-09-30 の形式で、実在する日付で指定してください');
  }

  const fees = isRecord(input.fees) ? input.fees : null;
  if (!fees)
    add(
      'fees',
      '手数料を {"review": 11000, "certification": 22000, "handling": 110} の形式で指定してください',
    );
  for (const field of FEE_FIELDS) {
    if (fees && !isWholeNumber(fees[field], 0)) {
      add(`fees.${field}`, '金額は 0 以上の整数(円)で指定してください');
    }
  }

  const requirements = isRecord(input.requirements) ? input.requirements : null;
  if (!requirements) {
    add(
      'requirements',
      '要件を {"cases": 20, "maxCases": 25, "attendances": 3, "maxAttendances": 5, "electives": 3} の形式で指定してください',
    );
  }
  for (const field of REQUIREMENT_FIELDS) {
    if (requirements && !isWholeNumber(requirements[field], field === 'electives' ? 0 : 1)) {
      add(
        `requirements.${field}`,
        field === 'electives' ? '0 以上の整数で指定してください' : '1 以上の整数で指定してください',
      );
    }
  }
  if (requirements) {
    const { cases, maxCases, attendances, maxAttendances, electives } = requirements;
    if (isWholeNumber(cases, 1) && isWholeNumber(maxCases, 1) && maxCases < cases) {
      add(
        'requirements.maxCases',
        `登録できる症例数の上限(${maxCases})が必要症例数(${cases})より少なくなっています`,
      );
    }
    if (
      isWholeNumber(attendances, 1) &&
      isWholeNumber(maxAttendances, 1) &&
      maxAttendances < attendances
    ) {
      add(
        'requirements.maxAttendances',
        `登録できる学術集会数の上限(${maxAttendances})が必要数(${attendances})より少なくなっています`,
      );
    }
    if (isWholeNumber(electives, 0) && electives > ELECTIVE_FIELDS_OFFERED) {
      add(
        'requirements.electives',
        `選択分野は ${ELECTIVE_FIELDS_OFFERED} 分野しかないため、${ELECTIVE_FIELDS_OFFERED} 以下で指定してください`,
      );
    }
  }

  if (!isWholeNumber(input.pinBadgeAtRenewal, 1)) {
    add('pinBadgeAtRenewal', 'ピンバッジを贈る更新回数を 1 以上の整数で指定してください(例: 2)');
  }

  let sender: RoundSender | undefined;
  // The console's form sends its four fields empty when no sender is given.
  if (input.sender !== undefined && input.sender !== null) {
    sender = readSender(input.sender, add);
  }

  // The order of the process: nothing may close before applications open, mail may not be
  // due before registration closes, and the results go out before the certificates.
  const opens = instants.applicationOpens;
  if (opens) {
    for (const field of [
      'reviewFeeDeadline',
      'elearningDeadline',
      'registrationDeadline',
    ] as const) {
      const deadline = instants[field];
      if (deadline && deadline <= opens) add(field, '申請受付開始より後の日時を指定してください');
    }
  }
  if (instants.registrationDeadline && days.postmarkDeadline) {
    if (days.postmarkDeadline < jstDay(instants.registrationDeadline)) {
      add('postmarkDeadline', '消印期限は申請登録期限の日以降にしてください');
    }
  }
  if (days.resultsAddressCutoff && days.certificateAddressCutoff) {
    if (days.certificateAddressCutoff < days.resultsAddressCutoff) {
      add(
        'certificateAddressCutoff',
        '認定証送付先の基準日は結果通知送付先の基準日以降にしてください',
      );
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const f = fees as Record<string, number>;
  const r = requirements as Record<string, number>;
  return {
    ok: true,
    settings: {
      round,
      label,
      applicationOpens: formatJst(instants.applicationOpens!),
      reviewFeeDeadline: formatJst(instants.reviewFeeDeadline!),
      elearningDeadline: formatJst(instants.elearningDeadline!),
      registrationDeadline: formatJst(instants.registrationDeadline!),
      postmarkDeadline: days.postmarkDeadline!,
      resultsAddressCutoff: days.resultsAddressCutoff!,
      certificateAddressCutoff: days.certificateAddressCutoff!,
      renewalDate: days.renewalDate!,
      fees: { review: f.review, certification: f.certification, handling: f.handling },
      requirements: {
        cases: r.cases,
        maxCases: r.maxCases,
        attendances: r.attendances,
        maxAttendances: r.maxAttendances,
        electives: r.electives,
      },
      pinBadgeAtRenewal: input.pinBadgeAtRenewal as number,
      ...(sender ? { sender } : {}),
    },
  };
}

/**
 * `sender`: four texts (organisation required), the telephone in digits and hyphens; all four
 * empty is no sender.
 */
function readSender(
  value: unknown,
  add: (field: string, message: string) => void,
): RoundSender | undefined {
  if (!isRecord(value)) {
    add(
      'sender',
      '差出人を {"organisation": "…", "postalCode": "113-0033", "address": "…", "telephone": "03-1234-5678"} の形式で指定してください',
    );
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(SENDER_FIELDS as readonly string[]).includes(key)) {
      add(`sender.${key}`, `不明な項目です。使える項目: ${SENDER_FIELDS.join(', ')}`);
    }
  }
  const text = (field: (typeof SENDER_FIELDS)[number], max: number) => {
    const v = value[field] ?? '';
    if (typeof v !== 'string' || v.trim().length > max) {
      add(`sender.${field}`, `${max} 文字以内の文字列で指定してください`);
      return '';
    }
    return v.trim();
  };
  const sender: RoundSender = {
    organisation: text('organisation', 100),
    postalCode: text('postalCode', 8),
    address: text('address', 150),
    telephone: text('telephone', 20),
  };
  if (Object.values(sender).every((v) => v === '')) return undefined;
  if (!sender.organisation) add('sender.organisation', '差出人の名称を指定してください');
  if (sender.postalCode && !/^\d{3}-?\d{4}$/.test(sender.postalCode)) {
    add('sender.postalCode', '郵便番号は 113-0033 の形式で指定してください');
  }
  if (sender.telephone && !/^[0-9()-]{6,20}$/.test(sender.telephone)) {
    add('sender.telephone', '電話番号は 03-1234-5678 の形式(半角数字とハイフン)で指定してください');
  }
  return sender;
}
