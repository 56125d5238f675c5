import type { ApplicantForm, FacilityRecord, PaymentFacts } from '../rules/check-input.js';
import { feeResult, mailingAddress } from '../rules/check-rules.js';
import { jstDay } from '../rounds/round-settings.js';

/** The mailing lists of interface.md. */
export const MAILING_LISTS = [
  'results',
  'certificates',
  'pin-badges',
  'fee-requests',
  'missing-items',
] as const;
export type MailingList = (typeof MAILING_LISTS)[number];

export const LIST_TITLES: Record<MailingList, string> = {
  results: '審査結果通知',
  certificates: '認定証',
  'pin-badges': 'ピンバッジ',
  'fee-requests': '更新認定料の請求',
  'missing-items': '不備書類の請求',
};

export interface AddressChangeFacts {
  receivedAt: string;
  recipientName: string;
  postalCode: string;
  prefecture: string;
  address: string;
}

/** What the lists read of one dossier. */
export interface DispatchFacts {
  certNo: string;
  name: string;
  applicant: ApplicantForm & {
    renewalCount?: number | null;
    workplaceName?: string;
    workplaceDepartment?: string;
  };
  /** The latest released decision. */
  decision: '合格' | '不合格' | '保留' | null;
  payments: PaymentFacts[];
  addressChanges: AddressChangeFacts[];
  /** Messages of the documents that fail now (marked missing or insufficient). */
  deficiencies: string[];
}

export interface DispatchRound {
  resultsAddressCutoff: string;
  certificateAddressCutoff: string;
  renewalDate: string;
  pinBadgeAtRenewal: number;
  fees: { review: number; certification: number; handling: number };
}

export interface MailingRow {
  certNo: string;
  name: string;
  postalCode: string;
  prefecture: string;
  address: string;
  recipient: string;
  /** What goes into the envelope, by the list's extra columns. */
  extra: (string | number)[];
}

export interface LateChange {
  certNo: string;
  name: string;
  receivedOn: string;
  postalCode: string;
  prefecture: string;
  address: string;
  recipient: string;
}

export interface MailingListResult {
  list: MailingList;
  header: string[];
  rows: MailingRow[];
  /** Change notices received after the list's cut-off: listed apart for staff to act on. */
  lateChanges: LateChange[];
}

const BASE_HEADER = ['認定番号', '氏名', '郵便番号', '都道府県', '住所', '送付先名称'];

const EXTRA_HEADER: Record<MailingList, string[]> = {
  results: ['判定'],
  certificates: ['認定日', '有効期限'],
  'pin-badges': ['更新回数'],
  'fee-requests': ['請求額(円)', '入金の状況'],
  'missing-items': ['不備の内容'],
};

/** `1234567` or `123-4567` in any width → `123-4567`; anything else as written. */
export function formatPostalCode(code: string | undefined): string {
  const digits = (code ?? '').normalize('NFKC').replace(/[^0-9]/g, '');
  return digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : (code ?? '');
}

/** The last day of a certificate valid for five years from the renewal date. */
export function validUntil(renewalDate: string): string {
  const [y, m, d] = renewalDate.split('-').map(Number);
  const end = new Date(Date.UTC(y + 5, m - 1, d) - 24 * 3600 * 1000);
  return end.toISOString().slice(0, 10);
}

/**
 * Where mail goes as of a cut-off day (rules.md): the latest change notice received on or
 * before it, else 申請1's mailing address; `null` cut-off takes every notice (now).
 */
export function addressAsOf(
  facts: DispatchFacts,
  cutoff: string | null,
  facilities: ReadonlyMap<string, FacilityRecord>,
): Omit<MailingRow, 'certNo' | 'name' | 'extra'> {
  const notices = facts.addressChanges
    .filter((c) => cutoff === null || jstDay(new Date(c.receivedAt)) <= cutoff)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const latest = notices[notices.length - 1];
  if (latest) {
    return {
      postalCode: formatPostalCode(latest.postalCode),
      prefecture: latest.prefecture,
      address: latest.address,
      recipient: latest.recipientName,
    };
  }
  const a = facts.applicant;
  const address = mailingAddress(a, facilities);
  const facility =
    a.workplaceKind === '認定研修施設' ? facilities.get(a.workplaceFacilityNo ?? '') : undefined;
  const recipient =
    a.mailTo === '別途指定'
      ? ''
      : [facility?.name ?? a.workplaceName ?? '', a.workplaceDepartment ?? ''].join(' ').trim();
  return {
    postalCode: formatPostalCode(address.postalCode),
    prefecture: address.prefecture ?? '',
    address: address.address ?? '',
    recipient,
  };
}

/**
 * The recipients of one list, exactly as rules.md says: results to everyone decided (合格 or
 * 不合格, released), certificates to 合格 with fee.certification passed, pin badges with the
 * certificate to those at renewal number pinBadgeAtRenewal, fee requests to 合格 without it,
 * missing items to those with documents failing now. Pure.
 */
export function buildMailingList(
  list: MailingList,
  dossiers: readonly DispatchFacts[],
  round: DispatchRound,
  facilities: ReadonlyMap<string, FacilityRecord>,
): MailingListResult {
  const certificationFee = (d: DispatchFacts) =>
    feeResult(
      'fee.certification',
      '更新認定料',
      d.payments,
      round.fees.certification,
      round.fees.handling,
    );
  const entitled = (d: DispatchFacts) =>
    d.decision === '合格' && certificationFee(d).outcome === 'pass';
  const renewalNo = (d: DispatchFacts) => Number(d.applicant.renewalCount ?? 0) + 1;
  const chosen: { facts: DispatchFacts; extra: (string | number)[] }[] = [];
  const cutoff =
    list === 'results'
      ? round.resultsAddressCutoff
      : list === 'certificates' || list === 'pin-badges'
        ? round.certificateAddressCutoff
        : null;
  for (const d of dossiers) {
    if (list === 'results' && (d.decision === '合格' || d.decision === '不合格')) {
      chosen.push({ facts: d, extra: [d.decision] });
    } else if (list === 'certificates' && entitled(d)) {
      chosen.push({ facts: d, extra: [round.renewalDate, validUntil(round.renewalDate)] });
    } else if (list === 'pin-badges' && entitled(d) && renewalNo(d) === round.pinBadgeAtRenewal) {
      chosen.push({ facts: d, extra: [renewalNo(d)] });
    } else if (list === 'fee-requests' && d.decision === '合格' && !entitled(d)) {
      chosen.push({
        facts: d,
        extra: [round.fees.certification + round.fees.handling, certificationFee(d).message],
      });
    } else if (list === 'missing-items' && d.deficiencies.length > 0) {
      chosen.push({ facts: d, extra: [d.deficiencies.map((m) => `・${m}`).join('\n')] });
    }
  }
  chosen.sort((a, b) => a.facts.certNo.localeCompare(b.facts.certNo));
  const rows = chosen.map(({ facts, extra }) => ({
    certNo: facts.certNo,
    name: facts.name,
    ...addressAsOf(facts, cutoff, facilities),
    extra,
  }));
  const lateChanges: LateChange[] =
    cutoff === null
      ? []
      : chosen.flatMap(({ facts }) =>
          facts.addressChanges
            .filter((c) => jstDay(new Date(c.receivedAt)) > cutoff)
            .map((c) => ({
              certNo: facts.certNo,
              name: facts.name,
              receivedOn: jstDay(new Date(c.receivedAt)),
              postalCode: formatPostalCode(c.postalCode),
              prefecture: c.prefecture,
              address: c.address,
              recipient: c.recipientName,
            })),
        );
  return { list, header: [...BASE_HEADER, ...EXTRA_HEADER[list]], rows, lateChanges };
}
