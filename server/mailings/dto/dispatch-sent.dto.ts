import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateBy } from 'class-validator';
import { dispatchKindOf } from '../mailing-lists.js';
import { IsPastDay } from './past-day.js';
import { MAILING_LISTS } from '../mailing.views.js';
import type { MailingList } from '../mailing.views.js';

const isMailingList = (list: string): list is MailingList =>
  (MAILING_LISTS as readonly string[]).includes(list);

const CERT_NOS = { message: 'certNos は認定番号の配列で指定してください' };

/**
 * The envelopes of a list sent on a day (POST /api/rounds/:roundId/dispatches): those named,
 * or without certNos everyone still to send. Whether each is on the list is the service's.
 */
export class DispatchSentDto {
  /** results, certificates or pin-badges (whose badge travels with the certificate). */
  @Transform(({ value }: { value: unknown }) => String(value ?? ''))
  @ValidateBy(
    {
      name: 'isDispatchedList',
      validator: { validate: (list: string) => isMailingList(list) && !!dispatchKindOf(list) },
    },
    {
      message: ({ value }) =>
        `発送を記録できる一覧は results, certificates, pin-badges です(「${String(value ?? '')}」)`,
    },
  )
  list: MailingList;

  @Transform(({ value }: { value: unknown }) => String(value ?? ''))
  @IsPastDay('発送日')
  sentOn = '';

  @IsOptional()
  @IsArray(CERT_NOS)
  @IsString({ ...CERT_NOS, each: true })
  certNos?: string[] | null;

  /** `{認定番号: 追跡番号}`. */
  @IsOptional()
  @ValidateBy(
    {
      name: 'isTrackingNos',
      validator: {
        validate: (tracking: unknown) =>
          typeof tracking === 'object' &&
          Object.values(tracking as object).every((t) => typeof t === 'string'),
      },
    },
    { message: 'trackingNos は {認定番号: 追跡番号} の形で指定してください' },
  )
  trackingNos?: Record<string, string> | null;
}
