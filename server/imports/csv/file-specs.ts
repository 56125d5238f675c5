/**
 * The files of formats.md as data: each column's Japanese header, whether the header is
 * required, how its cells are read, and the English field it is stored under. A master or feed
 * file names its table, whose columns are its fields in snake_case (imports/table-mapping.ts).
 */

export type CellKind =
  /** Trimmed as given (names, addresses, free text). */
  | 'text'
  /** NFKC, then trimmed: codes, numbers kept as text, postal codes, phones, e-mail. */
  | 'code'
  /** A key cell: NFKC'd, must not be empty; the row is rejected otherwise. */
  | 'key'
  /** A key of digits only (認定番号: leading zeros kept). */
  | 'digitsKey'
  /** A whole-number key, positive; `max` bounds it where the form has a fixed number. */
  | 'intKey'
  | 'date'
  | 'yearMonth'
  | 'dateTime'
  | 'int'
  /** One of `values`, else the row is rejected. */
  | 'enum'
  /** 有 / 無 → true / false. */
  | 'yesNo';

export interface ColumnSpec {
  header: string;
  field: string;
  kind: CellKind;
  /** The header must be present; for dates also: the cell must not be empty. */
  required: boolean;
  values?: readonly string[];
  max?: number;
  /**
   * A code of this many digits whose leading zeros matter (認定番号 6, postal codes 7): an
   * all-digit value shorter than `digits` (and at least `shortest` long) lost its zeros to a
   * spreadsheet and is refused. Other values are read as the kind says.
   */
  zeroPadded?: { digits: number; shortest?: number; longest?: number; onlyZeros?: boolean };
  /**
   * A phone number as written in Japan, beginning with 0 (`0312345678`): nine or ten digits
   * alone that do not begin with 0 lost it to a spreadsheet and are refused.
   */
  domesticPhone?: true;
  /**
   * A facility number of `facilities.csv`: one that matches no facility but would with its
   * leading zeros restored is refused (imports/csv/spreadsheet-damage.ts).
   */
  facilityNo?: true;
  /**
   * A postal code of the address in these fields of the row: six digits alone that, with the
   * 0 a spreadsheet took restored, are a code agreeing with that address are refused
   * (imports/csv/normalise.ts, checkPostalCodeZeros).
   */
  postalCodeOf?: { prefecture: string; address: string };
}

export type FileGroup = 'master' | 'form' | 'feed';

export interface FileSpec {
  /** File name in the bundle. */
  file: string;
  /** What the file is, in Japanese, for messages. */
  title: string;
  group: FileGroup;
  columns: readonly ColumnSpec[];
  /** Fields that make a row's key: the same key twice in one file is refused (payments: updated). */
  keyFields: readonly string[];
  /** A later row with the same key updates the earlier one instead of being refused. */
  laterRowUpdates?: boolean;
  /** The table a master or feed file is stored in; the forms go into dossier revisions. */
  table?: string;
}

const col = (
  header: string,
  field: string,
  kind: CellKind,
  required = true,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ header, field, kind, required, ...extra });

const SEX = ['男', '女'] as const;

/** 認定番号: six digits in every file, leading zeros kept (`028361`). */
const CERT_NO = { zeroPadded: { digits: 6 } } as const;
/**
 * A postal code, `123-4567` or `1234567`, of the address in the row's `prefecture` and
 * `address` fields: five digits alone are one that began with 00 (札幌 001–009; the lowest,
 * 001-0000, keeps five). Six are refused only when 0 and them are a real code that agrees with
 * the address (`600001` at 札幌市中央区: 060-0001); otherwise they are an applicant's code one
 * digit short as likely as one that lost a 0 (`100000` at 千代田区, while 010-0000 is 秋田市),
 * and are left to the address rule, which shows the address to fix.
 */
const postalCode = (prefecture: string, address: string) =>
  ({
    zeroPadded: { digits: 7, shortest: 5, longest: 5 },
    postalCodeOf: { prefecture, address },
  }) as const;
const FACILITY_NO = { facilityNo: true } as const;
/** 緩和ケア修了証書番号: `000000` when unknown, which a spreadsheet turns into `0`. */
const UNKNOWN_ZEROS = { zeroPadded: { digits: 6, onlyZeros: true } } as const;
const FACILITY_KIND = ['認定研修施設', 'その他'] as const;

export const SOCIETIES: FileSpec = {
  file: 'societies.csv',
  title: '学会マスタ',
  group: 'master',
  table: 'societies',
  keyFields: ['code'],
  columns: [col('学会コード', 'code', 'key'), col('学会名', 'name', 'text')],
};

export const MEETINGS: FileSpec = {
  file: 'meetings.csv',
  title: '学術集会マスタ',
  group: 'master',
  table: 'meetings',
  keyFields: ['code'],
  columns: [
    col('学術集会コード', 'code', 'key'),
    col('学会コード', 'societyCode', 'code'),
    col('学術集会名', 'name', 'text'),
    col('開催開始日', 'startsOn', 'date'),
    col('開催終了日', 'endsOn', 'date'),
    col('区分', 'kind', 'enum', true, { values: ['全国', '地方会', '教育セミナー'] }),
  ],
};

export const FACILITIES: FileSpec = {
  file: 'facilities.csv',
  title: '認定研修施設マスタ',
  group: 'master',
  table: 'facilities',
  keyFields: ['facilityNo'],
  columns: [
    col('施設番号', 'facilityNo', 'key', true, FACILITY_NO),
    col('施設名', 'name', 'text'),
    col('郵便番号', 'postalCode', 'code', true, postalCode('prefecture', 'address')),
    col('都道府県', 'prefecture', 'text'),
    col('住所', 'address', 'text'),
  ],
};

export const APPLICANTS: FileSpec = {
  file: 'applicants.csv',
  title: '申請1(基本情報)',
  group: 'form',
  keyFields: ['certNo'],
  columns: [
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('姓', 'familyName', 'text'),
    col('名', 'givenName', 'text'),
    col('姓カナ', 'familyNameKana', 'text', false),
    col('名カナ', 'givenNameKana', 'text', false),
    col('旧姓', 'formerName', 'text', false),
    col('免許種別', 'licenceType', 'text'),
    col('免許番号', 'licenceNo', 'code'),
    col('性別', 'sex', 'enum', true, { values: SEX }),
    col('生年月日', 'birthDate', 'date'),
    col('メールアドレス', 'email', 'code'),
    col('認定区分', 'certKind', 'enum', true, { values: ['一般', '歯科口腔外科'] }),
    col('前回認定日', 'lastCertifiedOn', 'date'),
    col('更新回数', 'renewalCount', 'int'),
    col('更新猶予歴', 'deferred', 'yesNo'),
    col('所属学会コード', 'societyCode', 'code'),
    col('会員番号', 'memberNo', 'code'),
    col('会員種別', 'memberType', 'text'),
    col('専門資格', 'specialties', 'text', false),
    col('緩和ケア主催地', 'palliativeHost', 'text', false),
    col('緩和ケア修了証書番号', 'palliativeCertificateNo', 'code', false, UNKNOWN_ZEROS),
    col('緩和ケア承認日', 'palliativeApprovedOn', 'date', false),
    col('勤務先区分', 'workplaceKind', 'enum', true, { values: FACILITY_KIND }),
    col('勤務先施設番号', 'workplaceFacilityNo', 'code', false, FACILITY_NO),
    col('勤務先名', 'workplaceName', 'text', false),
    col(
      '勤務先郵便番号',
      'workplacePostalCode',
      'code',
      false,
      postalCode('workplacePrefecture', 'workplaceAddress'),
    ),
    col('勤務先都道府県', 'workplacePrefecture', 'text', false),
    col('勤務先住所', 'workplaceAddress', 'text', false),
    col('勤務先科名', 'workplaceDepartment', 'text', false),
    col('勤務先電話番号', 'workplacePhone', 'code', false, { domesticPhone: true }),
    col('送付先区分', 'mailTo', 'enum', true, { values: ['勤務先', '別途指定'] }),
    col(
      '送付先郵便番号',
      'mailPostalCode',
      'code',
      false,
      postalCode('mailPrefecture', 'mailAddress'),
    ),
    col('送付先都道府県', 'mailPrefecture', 'text', false),
    col('送付先住所', 'mailAddress', 'text', false),
    col('申請登録日時', 'registeredAt', 'dateTime', false),
    col('最終編集日時', 'lastEditedAt', 'dateTime'),
  ],
};

export const CASE_SHEETS: FileSpec = {
  file: 'case_sheets.csv',
  title: '申請2 症例一覧表(施設・在籍期間)',
  group: 'form',
  keyFields: ['certNo', 'sheetNo'],
  columns: [
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('一覧表番号', 'sheetNo', 'intKey', true, { max: 3 }),
    col('施設区分', 'facilityKind', 'enum', true, { values: FACILITY_KIND }),
    col('施設番号', 'facilityNo', 'code', false, FACILITY_NO),
    col('施設名', 'facilityName', 'text', false),
    col('在籍開始1', 'tenureStart1', 'yearMonth'),
    col('在籍終了1', 'tenureEnd1', 'yearMonth'),
    col('在籍開始2', 'tenureStart2', 'yearMonth', false),
    col('在籍終了2', 'tenureEnd2', 'yearMonth', false),
    col('在籍開始3', 'tenureStart3', 'yearMonth', false),
    col('在籍終了3', 'tenureEnd3', 'yearMonth', false),
  ],
};

export const CASES: FileSpec = {
  file: 'cases.csv',
  title: '申請2 症例',
  group: 'form',
  keyFields: ['certNo', 'sheetNo', 'caseNo'],
  columns: [
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('一覧表番号', 'sheetNo', 'intKey', true, { max: 3 }),
    col('症例番号', 'caseNo', 'intKey'),
    col('診療開始年月', 'startMonth', 'yearMonth'),
    col('診療終了年月', 'endMonth', 'yearMonth'),
    col('診療項目', 'item', 'text'),
    col('診療項目その他', 'itemOther', 'text', false),
    col('年齢', 'age', 'int'),
    col('性別', 'sex', 'enum', true, { values: SEX }),
    col('診断名', 'diagnosis', 'text'),
    col('病理診断名', 'pathology', 'text'),
  ],
};

export const ATTENDANCES: FileSpec = {
  file: 'attendances.csv',
  title: '申請3 学術集会参加',
  group: 'form',
  keyFields: ['certNo', 'no'],
  columns: [
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('番号', 'no', 'intKey'),
    col('学術集会コード', 'meetingCode', 'code'),
  ],
};

export const ELEARNING: FileSpec = {
  file: 'elearning.csv',
  title: 'e-learning 受講結果',
  group: 'feed',
  table: 'elearning_results',
  keyFields: ['certNo', 'field'],
  columns: [
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('分野', 'field', 'key'),
    col('受講完了日時', 'completedAt', 'dateTime'),
    col('ミニテスト正答数', 'miniTestScore', 'int', false),
  ],
};

export const PAYMENTS: FileSpec = {
  file: 'payments.csv',
  title: '入金データ',
  group: 'feed',
  table: 'payments',
  keyFields: ['transactionId'],
  laterRowUpdates: true,
  columns: [
    col('取引番号', 'transactionId', 'key'),
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('費目', 'item', 'enum', true, { values: ['更新審査料', '更新認定料'] }),
    col('金額', 'amount', 'int'),
    col('事務手数料', 'handlingFee', 'int'),
    col('入金日時', 'paidAt', 'dateTime'),
    col('決済方法', 'method', 'text', false),
    col('状態', 'status', 'enum', true, { values: ['入金済', '取消', '返金'] }),
  ],
};

export const ADDRESS_CHANGES: FileSpec = {
  file: 'address_changes.csv',
  title: '送付先変更届',
  group: 'feed',
  table: 'address_changes',
  keyFields: ['receiptNo'],
  columns: [
    col('受付番号', 'receiptNo', 'key'),
    col('認定番号', 'certNo', 'digitsKey', true, CERT_NO),
    col('受付日時', 'receivedAt', 'dateTime'),
    col('送付先名称', 'recipientName', 'text', false),
    col('送付先郵便番号', 'postalCode', 'code', true, postalCode('prefecture', 'address')),
    col('送付先都道府県', 'prefecture', 'text'),
    col('送付先住所', 'address', 'text'),
  ],
};

export const MAIL: FileSpec = {
  file: 'mail.csv',
  title: '郵便受付記録',
  group: 'feed',
  table: 'envelopes',
  keyFields: ['receiptNo'],
  columns: [
    col('受付番号', 'receiptNo', 'key'),
    col('到着日', 'arrivedOn', 'date'),
    col('消印日', 'postmarkedOn', 'date', false),
    col('郵便種別', 'mailKind', 'text'),
    col('追跡番号', 'trackingNo', 'code', false),
    // Not a key here: an unreadable label leaves it empty and the envelope waits unmatched.
    col('認定番号', 'certNo', 'code', false, CERT_NO),
    col('備考', 'note', 'text', false),
  ],
};

/** Every file, in the order an import reads them: masters, then forms, then the feeds. */
export const FILE_SPECS: readonly FileSpec[] = [
  SOCIETIES,
  MEETINGS,
  FACILITIES,
  APPLICANTS,
  CASE_SHEETS,
  CASES,
  ATTENDANCES,
  ELEARNING,
  PAYMENTS,
  ADDRESS_CHANGES,
  MAIL,
];
