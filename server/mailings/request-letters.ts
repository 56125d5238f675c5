/**
 * The letters of issue 19 for applicants without e-mail, beside the result letters: the
 * payment request to a 合格 whose certification fee is not paid, and the deficiency notice.
 * What they say is pure (tested without a PDF); the board's layout draws them.
 */
import { japaneseDate } from '../common/japan-time.js';
import type { LetterContent } from './letter-layout.js';
import type { MailingRow } from './mailing-lists.js';
import { addresseeOf, type LetterRound } from './result-letter.js';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** 更新認定料の請求: the amount, where the payment stands, and what follows it. */
export function feeRequestLetter(row: MailingRow, round: LetterRound): LetterContent {
  const { certification, handling } = round.fees;
  const status = String(row.extra[1] ?? '').trim();
  return {
    addressee: addresseeOf(row),
    reference: `認定番号 ${row.certNo}`,
    title: '更新認定料お支払いのお願い',
    salutation: `${row.name} 先生`,
    opening: [
      `${round.label}のがん治療認定医の更新審査において合格と判定されましたが、更新認定料の納付をまだ確認できておりません。下記のとおりお支払いくださいますようお願いいたします。`,
    ],
    particulars: [
      `お支払い金額 ${yen(certification + handling)}(更新認定料 ${yen(certification)}(消費税込)、事務手数料 ${yen(handling)})`,
      ...(status ? [`入金の状況: ${status}`] : []),
      '更新認定料の納付を確認した後、認定証をお送りいたします。',
      'お支払いの方法は事務局までお問い合わせください。既にお支払いいただいている場合は、行き違いにつきご容赦ください。',
    ],
  };
}

/** One deficiency notice as a letter reads it. */
export interface DeficiencyLetterFacts {
  certNo: string;
  name: string;
  resubmitBy: string;
  items: { message: string }[];
}

/** 不備通知: each document found missing or insufficient, and the day to resubmit by. */
export function deficiencyLetter(
  notice: DeficiencyLetterFacts,
  address: Pick<MailingRow, 'postalCode' | 'prefecture' | 'address' | 'recipient'>,
  round: { label: string },
): LetterContent {
  return {
    addressee: addresseeOf({
      ...address,
      certNo: notice.certNo,
      name: notice.name,
      extra: [],
      addressCheck: '',
    }),
    reference: `認定番号 ${notice.certNo}`,
    title: '更新申請書類の不備について(ご連絡)',
    salutation: `${notice.name} 先生`,
    opening: [
      `${round.label}のがん治療認定医の更新申請について、ご提出いただいた書類を確認いたしましたところ、下記の不備がございました。${japaneseDate(notice.resubmitBy)}までに、不備の書類をご提出くださいますようお願いいたします。`,
    ],
    particulars: [
      '不備の内容',
      ...notice.items.map((i) => `・${i.message}`),
      `再提出期限 ${japaneseDate(notice.resubmitBy)}`,
      '期限までにご提出がない場合、更新の要件を満たしていないと判断されることがあります。',
    ],
  };
}
