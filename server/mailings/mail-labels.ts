/**
 * Address labels for the mail room (issue 19): a row of a mailing list as label software and
 * Japan Post's tools (ゆうプリR) take it — 敬称 apart, 姓 and 名 apart, organisation and
 * department apart, the address in lines that fit the tool's field limit (50 bytes of CP932).
 * Pure: no Nest, no database.
 */
import { cp932ByteLength } from '../common/cp932.js';
import type { MailingRow } from './mailing-lists.js';

/** ゆうプリR takes 50 bytes (25 full-width characters) a field. */
export const LABEL_FIELD_BYTES = 50;
/** Address fields of a label (住所1–住所3). */
export const LABEL_ADDRESS_LINES = 3;

export const LABEL_HEADER = [
  '認定番号',
  '郵便番号',
  '住所1',
  '住所2',
  '住所3',
  '組織名',
  '部署名',
  '姓',
  '名',
  '敬称',
  '宛先要確認',
];

export interface MailLabel {
  certNo: string;
  postalCode: string;
  addressLines: string[];
  organisation: string;
  department: string;
  familyName: string;
  givenName: string;
  /** 様 to a person, 御中 to an organisation addressed without one. */
  honorific: '様' | '御中';
  /** What the mail room must look at: the list's 宛先要確認, and fields that do not fit. */
  check: string;
}

const SPACE = /[\s\u3000]+/;

/** `髙橋 花子` → 姓 `髙橋`, 名 `花子`; a name without a space is all 姓. */
export function splitName(name: string): { familyName: string; givenName: string } {
  const [familyName = '', ...rest] = name.trim().split(SPACE);
  return { familyName, givenName: rest.join(' ') };
}

/**
 * 送付先名称 as organisation and department: the lists write it `施設名 部署` (申請1's
 * workplace and department, or a change notice's recipient as written), so the first space
 * parts them.
 */
export function splitRecipient(recipient: string): { organisation: string; department: string } {
  const [organisation = '', ...rest] = recipient.trim().split(SPACE);
  return { organisation, department: rest.join(' ') };
}

/** 様 to a person; 御中 when the envelope names an organisation and no person. */
export function honorificOf(person: string, organisation: string): '様' | '御中' {
  return !person.trim() && organisation.trim() ? '御中' : '様';
}

/**
 * A text in lines of at most `maxBytes` bytes of CP932, never splitting a character: each line
 * is filled as far as it goes, broken at the last space of it when there is one in its second
 * half (so `ビル 5階` stays whole), else after its last character that fits. The spaces a line
 * is broken at are dropped.
 */
export function splitByBytes(text: string, maxBytes = LABEL_FIELD_BYTES): string[] {
  const lines: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > 0) {
    let bytes = 0;
    let end = 0;
    while (end < rest.length) {
      const size = cp932ByteLength(rest[end]);
      if (bytes + size > maxBytes) break;
      bytes += size;
      end += 1;
    }
    if (end < rest.length) {
      const lastSpace = rest.slice(0, end + 1).findLastIndex((ch) => SPACE.test(ch));
      if (lastSpace > end / 2) end = lastSpace;
    }
    lines.push(rest.slice(0, end).join('').trim());
    rest = [...rest.slice(end).join('').trim()];
  }
  return lines;
}

/**
 * The label of one list row. The address (都道府県 and 住所) fills 住所1–住所3 of 50 bytes
 * each; what does not fit in three is kept in the third (never lost) and said in 宛先要確認, as
 * is an organisation or department over 50 bytes.
 */
export function labelOf(row: MailingRow): MailLabel {
  const { familyName, givenName } = splitName(row.name);
  const { organisation, department } = splitRecipient(row.recipient);
  const lines = splitByBytes(`${row.prefecture}${row.address}`);
  const checks = row.addressCheck ? [row.addressCheck] : [];
  if (lines.length > LABEL_ADDRESS_LINES) {
    checks.push(
      `住所が${LABEL_ADDRESS_LINES}行(各${LABEL_FIELD_BYTES}バイト)に収まりません。住所3を短くしてください`,
    );
    lines.splice(LABEL_ADDRESS_LINES - 1, Infinity, lines.slice(LABEL_ADDRESS_LINES - 1).join(''));
  }
  for (const [field, text] of [
    ['組織名', organisation],
    ['部署名', department],
  ]) {
    if (cp932ByteLength(text) > LABEL_FIELD_BYTES) {
      checks.push(`${field}が${LABEL_FIELD_BYTES}バイトを超えています。短くしてください`);
    }
  }
  while (lines.length < LABEL_ADDRESS_LINES) lines.push('');
  return {
    certNo: row.certNo,
    postalCode: row.postalCode,
    addressLines: lines,
    organisation,
    department,
    familyName,
    givenName,
    honorific: honorificOf(row.name, organisation),
    check: checks.join(' / '),
  };
}

/** The cells of a label, in LABEL_HEADER's order. */
export const labelCells = (label: MailLabel): string[] => [
  label.certNo,
  label.postalCode,
  ...label.addressLines,
  label.organisation,
  label.department,
  label.familyName,
  label.givenName,
  label.honorific,
  label.check,
];
