import { Transform } from 'class-transformer';
import { Allow, IsIn, IsInt, Min, ValidateBy } from 'class-validator';
import { AsText, textOf, type TextOptions } from '../../common/dto-fields.js';

export const PAYMENT_ITEMS = ['更新審査料', '更新認定料'];
export const PAYMENT_STATUSES = ['入金済', '取消', '返金'];

/** Codes and amounts may be typed in full width. */
const CODE: TextOptions = { form: 'NFKC', trim: true };

/** Whole yen: a number, or digits typed as text; anything else is not an amount. */
function yen(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = textOf(value, CODE);
  return /^\d+$/.test(text) ? Number(text) : NaN;
}

const YEN = { message: '金額を 0 以上の整数(円)で入れてください' };
const FEE = { message: '事務手数料を 0 以上の整数(円)で入れてください' };

/**
 * A payment entered by hand (POST /api/payments). Checked by PaymentService together with
 * its 認定番号, which must be a dossier of the round.
 */
export class PaymentEntryDto {
  @AsText()
  roundId = '';

  /** Empty: the service gives one. */
  @AsText(CODE)
  transactionId = '';

  @AsText(CODE)
  certNo = '';

  @AsText(CODE)
  @IsIn(PAYMENT_ITEMS, { message: `費目は ${PAYMENT_ITEMS.join('・')} から選んでください` })
  item = '';

  @Transform(({ value }: { value: unknown }) => yen(value))
  @IsInt(YEN)
  @Min(0, YEN)
  amount = NaN;

  @Transform(({ value }: { value: unknown }) => yen(value ?? 0))
  @IsInt(FEE)
  @Min(0, FEE)
  handlingFee = 0;

  @AsText(CODE)
  @ValidateBy(
    {
      name: 'isInstant',
      validator: { validate: (at: string) => !Number.isNaN(new Date(at).getTime()) },
    },
    { message: '支払日時を入れてください(例: 2021-08-20T10:00)' },
  )
  paidAt = '';

  @Transform(({ value }: { value: unknown }) => textOf(value, CODE) || '振込')
  @Allow()
  method = '振込';

  @Transform(({ value }: { value: unknown }) => textOf(value, CODE) || '入金済')
  @IsIn(PAYMENT_STATUSES, {
    message: `状態は ${PAYMENT_STATUSES.join('・')} から選んでください`,
  })
  status = '入金済';
}
