import { Transform } from 'class-transformer';
import { IsIn, Matches, ValidateIf } from 'class-validator';
import { AsText, textOf, type TextOptions } from '../../common/dto-fields.js';
import type { EnvelopeValues } from '../envelope.views.js';

/** The kinds of mail of formats.md (mail.csv 郵便種別). */
export const MAIL_KINDS = [
  '簡易書留',
  '一般書留',
  'レターパックプラス',
  'レターパックライト',
  '普通郵便',
  'その他',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: number): TextOptions => ({ form: 'NFKC', trim: true, max });

/**
 * An envelope as entered or corrected in the console (PUT /api/envelopes/:id). Checked by
 * EnvelopeService together with its 認定番号, which must be a dossier of the round when given.
 */
export class EnvelopeDto implements EnvelopeValues {
  @AsText(text(10))
  @Matches(DATE, { message: '到着日を入れてください(例: 2021-09-21)' })
  arrivedOn = '';

  /** Empty: the postmark could not be read. */
  @Transform(({ value }: { value: unknown }) => textOf(value, text(10)) || null)
  @ValidateIf((envelope: EnvelopeDto) => envelope.postmarkedOn !== null)
  @Matches(DATE, { message: '消印日は 2021-09-19 の形で入れてください(読めないときは空欄)' })
  postmarkedOn: string | null = null;

  @AsText(text(40))
  @IsIn(MAIL_KINDS, { message: `郵便種別は ${MAIL_KINDS.join('・')} から選んでください` })
  mailKind = '';

  @AsText(text(40))
  trackingNo = '';

  /** Empty: the address could not be read (the envelope waits unmatched). */
  @AsText(text(20))
  certNo = '';

  @AsText(text(1000))
  note = '';
}
