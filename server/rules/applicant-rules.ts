import type { CheckInput, CheckResult } from './check-input.js';
import type { ApplicantForm } from '../dossiers/dossier-forms.js';
import type { FacilityFacts } from '../masters/master-records.js';
import { result } from './rule-helpers.js';
import {
  addressDisagreement,
  compareAddress,
  type MailingAddressParts,
} from '../postal/address-agreement.js';

/**
 * The rules of rules.md on 申請1, the applicant's form: registration, licence, membership,
 * palliative and the mailing address.
 */

const MEMBER_TYPES = new Set(['正会員', '名誉会員', '功労会員', '特別会員']);
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
/** registration: registered (not a draft) by the deadline. */
export function registrationRule({ applicant: a, round }: CheckInput): CheckResult {
  if (!a.registeredAt)
    return result('registration', 'pending', null, '申請登録がまだです(下書きのまま)');
  if (new Date(a.registeredAt) > new Date(round.registrationDeadline)) {
    return result('registration', 'fail', null, '申請登録が期限の後です');
  }
  return result('registration', 'pass', null, '期限内に申請登録されています');
}

/** licence: a physician's or dentist's licence, with its number. */
export function licenceRule({ applicant: a }: CheckInput): CheckResult {
  return (a.licenceType === '医師' || a.licenceType === '歯科医師') && a.licenceNo
    ? result('licence', 'pass', null, `${a.licenceType}免許(番号あり)`)
    : result(
        'licence',
        'fail',
        null,
        a.licenceNo ? `免許種別「${a.licenceType}」は対象外です` : '免許番号が空欄です',
      );
}

/** membership: a member of a recognised society, of a member type that may apply. */
export function membershipRule(input: CheckInput): CheckResult {
  const a = input.applicant;
  const societyKnown = input.societyCodes.has(a.societyCode);
  return societyKnown && a.memberNo && MEMBER_TYPES.has(a.memberType)
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
      );
}

/** palliative: after a deferral, the palliative-care course's completion. */
export function palliativeRule({ applicant: a }: CheckInput): CheckResult {
  if (!a.deferred) return result('palliative', 'pass', null, '更新猶予歴がないため不要です');
  if (!a.palliativeHost || !a.palliativeCertificateNo || !a.palliativeApprovedOn) {
    return result(
      'palliative',
      'fail',
      null,
      '更新猶予歴がありますが、緩和ケア研修会の修了情報がありません',
    );
  }
  if (a.palliativeCertificateNo === '000000') {
    return result(
      'palliative',
      'review',
      null,
      '緩和ケア研修会の修了証書番号が「000000」(不明)です。修了証で確認してください',
    );
  }
  return result('palliative', 'pass', null, '緩和ケア研修会の修了情報があります');
}

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

/** What a mailing address lacks for mail to reach the applicant. */
export const ADDRESS_INCOMPLETE = '送付先の郵便番号(7 桁)・都道府県・住所のいずれかが不完全です';

/**
 * What is wrong with a mailing address, or null: incomplete, or its postal code does not exist
 * or disagrees with its prefecture or city by Japan Post's data (server/postal).
 */
export function addressProblem(address: MailingAddressParts): string | null {
  const complete =
    /^\d{7}$/.test((address.postalCode ?? '').replace(/-/g, '')) &&
    PREFECTURES.includes(address.prefecture ?? '') &&
    !!address.address;
  return complete ? addressDisagreement(compareAddress(address)) : ADDRESS_INCOMPLETE;
}

/** address: the mailing address is complete and agrees with its postal code. */
export function addressRule(input: CheckInput): CheckResult {
  const problem = addressProblem(mailingAddress(input.applicant, input.facilities));
  if (!problem) {
    return result('address', 'pass', null, '送付先住所はそろっていて、郵便番号と合っています');
  }
  const consequence =
    problem === ADDRESS_INCOMPLETE ? '結果を郵送できません' : '結果が届かないおそれがあります';
  return result('address', 'review', null, `${problem}。${consequence}`);
}
