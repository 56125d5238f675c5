import type { ApplicantForm } from '../dossiers/dossier-forms.js';
import type { PaymentFacts } from '../fees/payment-facts.js';
import type { FacilityRecord } from '../masters/master-records.js';
import { addressProblem, mailingAddress } from '../rules/applicant-rules.js';
import { certificationFee } from '../rules/fee-rules.js';
import { jstDay } from '../common/japan-time.js';
import type { DispatchKind, MailingList } from './mailing.views.js';
import { undeliverable } from '../outbox/mail-recipients.js';

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
  /** The latest released decision, and its reason codes. */
  decision: '合格' | '不合格' | '保留' | null;
  reasonCodes?: string[];
  payments: PaymentFacts[];
  addressChanges: AddressChangeFacts[];
  /** Messages of the documents that fail now (marked missing or insufficient). */
  deficiencies: string[];
  /** The certificate's number once one was given (certificates are numbered when listed). */
  certificateNo: string | null;
  /** The latest mailing of each kind, if any. */
  dispatches: Partial<Record<DispatchKind, LatestDispatch>>;
  /** 申請1's e-mail address and the outbox's flags: whether an e-mail reaches the applicant. */
  email?: string;
  doNotMail?: boolean;
  badAddress?: string | null;
}

export interface LatestDispatch {
  /** Its id (dispatches.id): a mailing recorded since the facts were read is not recorded again. */
  id?: string;
  sentOn: string;
  postalCode: string;
  address: string;
  returnedOn: string | null;
}

/**
 * Where an applicant stands with one kind of mailing: never sent; sent; came back with no newer
 * address known (staff must find one); or came back and a change notice now gives another
 * address, so it is listed again, at that address.
 */
export type DispatchState = 'unsent' | 'sent' | 'returned' | 'relisted';

/** The mailing a list is sent as: the pin badge goes in the certificate's envelope. */
export function dispatchKindOf(list: MailingList): DispatchKind | null {
  if (list === 'results') return 'results';
  if (list === 'certificates' || list === 'pin-badges') return 'certificates';
  return null;
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
  /**
   * 宛先要確認: why the address may not reach the applicant (incomplete, or its postal code does
   * not exist or is another prefecture's or city's), empty when it agrees with the postal data.
   */
  addressCheck: string;
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
  certificates: ['認定証番号', '更新認定日', '有効期限'],
  'pin-badges': ['認定証番号', '更新回数'],
  'fee-requests': ['請求額(円)', '入金の状況'],
  'missing-items': ['不備の内容'],
};

/** The column after the list's own: addresses to look at before mailing (issue 19). */
const ADDRESS_CHECK_HEADER = '宛先要確認';

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
  facts: Pick<DispatchFacts, 'addressChanges' | 'applicant'>,
  cutoff: string | null,
  facilities: ReadonlyMap<string, FacilityRecord>,
): Omit<MailingRow, 'certNo' | 'name' | 'extra' | 'addressCheck'> {
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

export function dispatchState(
  facts: DispatchFacts,
  kind: DispatchKind,
  facilities: ReadonlyMap<string, FacilityRecord>,
): DispatchState {
  const last = facts.dispatches[kind];
  if (!last) return 'unsent';
  if (!last.returnedOn) return 'sent';
  const now = addressAsOf(facts, null, facilities);
  const same = (a: string, b: string) =>
    a.normalize('NFKC').replace(/\s/g, '') === b.normalize('NFKC').replace(/\s/g, '');
  return same(now.postalCode, formatPostalCode(last.postalCode)) && same(now.address, last.address)
    ? 'returned'
    : 'relisted';
}

/** The outbox can e-mail the applicant (its own rule, `undeliverable`). */
const reachedByEmail = (d: DispatchFacts) =>
  d.email !== undefined &&
  !undeliverable({
    email: d.email,
    doNotMail: d.doNotMail ?? false,
    badAddress: d.badAddress ?? null,
  });

/** Still to be sent: never sent, or returned and now at another address. */
export const toSend = (state: DispatchState) => state === 'unsent' || state === 'relisted';

export interface ListOptions {
  /** Only those still to be sent: never sent, or returned and now at another address. */
  pendingOnly?: boolean;
  /** Only those the e-mail outbox cannot reach (letters for those without e-mail). */
  withoutEmailOnly?: boolean;
}

/** The cut-off whose address a list uses (rules.md); null: the latest known. */
export function cutoffOf(list: MailingList, round: DispatchRound): string | null {
  if (list === 'results') return round.resultsAddressCutoff;
  if (list === 'certificates' || list === 'pin-badges') return round.certificateAddressCutoff;
  return null;
}

/**
 * The row of one dossier in one list, or null when it is not a recipient, exactly as rules.md
 * says: results to everyone decided (合格 or 不合格, released), certificates to 合格 with
 * fee.certification passed, pin badges with the certificate to those at renewal number
 * pinBadgeAtRenewal, fee requests to 合格 without it, missing items to those with documents
 * failing now. The address is the one valid on the list's cut-off, except for mail that came
 * back and has a newer address: that goes to the newer one. Pure.
 */
export function mailingRow(
  list: MailingList,
  d: DispatchFacts,
  round: DispatchRound,
  facilities: ReadonlyMap<string, FacilityRecord>,
  options: ListOptions = {},
): MailingRow | null {
  const fee = () => certificationFee(d.payments, round.fees);
  const entitled = () => d.decision === '合格' && fee().outcome === 'pass';
  const renewalNo = Number(d.applicant.renewalCount ?? 0) + 1;
  let extra: (string | number)[] | null = null;
  if (list === 'results' && (d.decision === '合格' || d.decision === '不合格')) {
    extra = [d.decision];
  } else if (list === 'certificates' && entitled()) {
    extra = [d.certificateNo ?? '', round.renewalDate, validUntil(round.renewalDate)];
  } else if (list === 'pin-badges' && entitled() && renewalNo === round.pinBadgeAtRenewal) {
    extra = [d.certificateNo ?? '', renewalNo];
  } else if (list === 'fee-requests' && d.decision === '合格' && !entitled()) {
    extra = [round.fees.certification + round.fees.handling, fee().message];
  } else if (list === 'missing-items' && d.deficiencies.length > 0) {
    extra = [d.deficiencies.map((m) => `・${m}`).join('\n')];
  }
  if (!extra) return null;
  if (options.withoutEmailOnly && reachedByEmail(d)) return null;
  const kind = dispatchKindOf(list);
  const state = kind ? dispatchState(d, kind, facilities) : 'unsent';
  if (options.pendingOnly && !toSend(state)) return null;
  const cutoff = state === 'relisted' ? null : cutoffOf(list, round);
  const address = addressAsOf(d, cutoff, facilities);
  const addressCheck = addressProblem(address) ?? '';
  return { certNo: d.certNo, name: d.name, ...address, extra, addressCheck };
}

/** The change notices of a listed dossier received after the list's cut-off, listed apart. */
export function lateChangesOf(
  list: MailingList,
  d: DispatchFacts,
  round: DispatchRound,
  facilities: ReadonlyMap<string, FacilityRecord>,
): LateChange[] {
  const cutoff = cutoffOf(list, round);
  const kind = dispatchKindOf(list);
  // A re-listed letter already goes to the newest address.
  if (cutoff === null || (kind && dispatchState(d, kind, facilities) === 'relisted')) return [];
  return d.addressChanges
    .filter((c) => jstDay(new Date(c.receivedAt)) > cutoff)
    .map((c) => ({
      certNo: d.certNo,
      name: d.name,
      receivedOn: jstDay(new Date(c.receivedAt)),
      postalCode: formatPostalCode(c.postalCode),
      prefecture: c.prefecture,
      address: c.address,
      recipient: c.recipientName,
    }));
}

export function listHeader(list: MailingList): string[] {
  return [...BASE_HEADER, ...EXTRA_HEADER[list], ADDRESS_CHECK_HEADER];
}

/** A whole list at once (small rounds and tests; exports stream with mailingRow). Pure. */
export function buildMailingList(
  list: MailingList,
  dossiers: readonly DispatchFacts[],
  round: DispatchRound,
  facilities: ReadonlyMap<string, FacilityRecord>,
  options: ListOptions = {},
): MailingListResult {
  const sorted = [...dossiers].sort((a, b) => a.certNo.localeCompare(b.certNo));
  const rows: MailingRow[] = [];
  const lateChanges: LateChange[] = [];
  for (const d of sorted) {
    const row = mailingRow(list, d, round, facilities, options);
    if (!row) continue;
    rows.push(row);
    lateChanges.push(...lateChangesOf(list, d, round, facilities));
  }
  return { list, header: listHeader(list), rows, lateChanges };
}
