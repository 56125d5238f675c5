import { japaneseDate } from '../common/japan-time.js';
import { DECISION_REASONS } from '../decisions/decision-rules.js';
import { certificationFee } from '../rules/fee-rules.js';
import type { RoundSender } from '../rounds/round-settings.js';
import { drawLetter, openPages, type LetterContent, type LetterHead } from './letter-layout.js';
import type { ListSink } from './list-writer.js';
import { honorificOf, splitRecipient } from './mail-labels.js';
import {
  validUntil,
  type DispatchFacts,
  type DispatchRound,
  type MailingRow,
} from './mailing-lists.js';

export interface LetterRound extends DispatchRound {
  label: string;
  sender?: RoundSender;
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** The window's addressee of a list row: 様 to the applicant, 御中 to a nameless organisation. */
export function addresseeOf(row: MailingRow) {
  return {
    postalCode: row.postalCode,
    address: `${row.prefecture}${row.address}`,
    recipient: row.recipient,
    name: row.name,
    honorific: honorificOf(row.name, splitRecipient(row.recipient).organisation),
  };
}

/**
 * What one result letter says, as text (pure: tested without a PDF). 合格: the certification
 * fee to pay unless it is paid already, when the certificate comes, and the pin badge where one
 * is due; 不合格: the reasons by their codes (free text stays with the committee).
 */
export function letterText(
  row: MailingRow,
  facts: Pick<DispatchFacts, 'decision' | 'reasonCodes' | 'applicant'> &
    Partial<Pick<DispatchFacts, 'payments'>>,
  round: LetterRound,
): { title: string; result: string; opening: string[]; particulars: string[] } {
  const title = 'がん治療認定医 更新審査結果のお知らせ';
  const intro = `${round.label}のがん治療認定医の更新申請について、認定委員会において審査いたしましたので、その結果を下記のとおりお知らせいたします。`;
  if (facts.decision === '合格') {
    const renewalNo = Number(facts.applicant.renewalCount ?? 0) + 1;
    const certificate = `(更新認定日 ${japaneseDate(round.renewalDate)}、有効期限 ${japaneseDate(validUntil(round.renewalDate))})`;
    const paid = certificationFee(facts.payments ?? [], round.fees).outcome === 'pass';
    const paragraphs = paid
      ? [`更新認定料の納付を確認いたしました。認定証をお送りいたします${certificate}。`]
      : [
          `つきましては、更新認定料 ${yen(round.fees.certification)}(消費税込)と事務手数料 ${yen(round.fees.handling)}をお支払いください。ご登録のメールアドレスに「入金依頼メール」をお送りいたします。`,
          `更新認定料の納付を確認した後、認定証をお送りいたします${certificate}。`,
        ];
    if (renewalNo === round.pinBadgeAtRenewal) {
      paragraphs.push(
        `今回は${renewalNo}回目の更新認定となりますので、ピンバッジを認定証と同時にお送りいたします。`,
      );
    }
    paragraphs.push('送付先が変わる場合は、変更届システムからお早めにご変更ください。');
    return { title, result: '審査結果:合格', opening: [intro], particulars: paragraphs };
  }
  const reasons = (facts.reasonCodes ?? [])
    .map((code) => DECISION_REASONS.find((r) => r.code === code))
    .filter((r) => r && r.code !== 'X99')
    .map((r) => `・${r!.label}`);
  return {
    title,
    result: '審査結果:不合格',
    opening: [intro],
    particulars: [
      '誠に残念ながら、次の理由により更新の要件を満たしていないと判断いたしました。',
      ...(reasons.length > 0 ? reasons : ['・詳細は事務局までお問い合わせください。']),
    ],
  };
}

/** The result letter of one list row, in the board's letter layout. */
export function resultLetter(
  row: MailingRow,
  facts: DispatchFacts,
  round: LetterRound,
): LetterContent {
  const text = letterText(row, facts, round);
  return {
    addressee: addresseeOf(row),
    reference: `認定番号 ${row.certNo}`,
    title: text.title,
    salutation: `${row.name} 先生`,
    opening: text.opening,
    highlight: text.result,
    particulars: text.particulars,
  };
}

/**
 * Letters as PDF, one per list row, drawn by `contentOf`: all in one file for printing
 * (`merged`), or one file per applicant (`<認定番号>.pdf`) in a folder.
 */
export async function openLetterSink(
  target: { merged: string } | { folder: string },
  title: string,
  head: LetterHead,
  contentOf: (row: MailingRow, facts: DispatchFacts) => LetterContent,
): Promise<ListSink> {
  const pages = await openPages<{ row: MailingRow; facts: DispatchFacts }>(
    target,
    title,
    (doc, { row, facts }) => drawLetter(doc, contentOf(row, facts), head),
    ({ row }) => `${row.certNo}.pdf`,
  );
  return {
    add: (row, facts) => pages.add({ row, facts }),
    close: async () => ({ files: await pages.close(), unrepresentable: [] }),
  };
}

/** Result letters as PDF, dated `letterDate` (chosen when printing), from the round's sender. */
export function openLetters(
  target: { merged: string } | { folder: string },
  round: LetterRound,
  letterDate: string,
): Promise<ListSink> {
  return openLetterSink(
    target,
    '更新審査結果のお知らせ',
    { letterDate, sender: round.sender },
    (row, facts) => resultLetter(row, facts, round),
  );
}
