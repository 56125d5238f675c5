import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';
import { IsPastDay } from './past-day.js';

const isReturn = (update: DispatchUpdateDto) =>
  update.returnedOn !== undefined && update.returnedOn !== null;

/**
 * A change to a mailing sent (PUT /api/dispatches/:id): its tracking number, or its return.
 * A field left out stays as it is; `returnedOn` null takes a return back.
 */
export class DispatchUpdateDto {
  @Transform(({ value }: { value: unknown }) => String(value ?? '').trim())
  @IsOptional()
  @IsString()
  trackingNo?: string;

  /** Not before the day it was sent: the service knows that day. */
  @Transform(({ value }: { value: unknown }) =>
    value === null || value === '' ? null : String(value),
  )
  @ValidateIf(isReturn)
  @IsPastDay('返送日')
  returnedOn?: string | null;

  @Transform(({ value }: { value: unknown }) => String(value ?? '').trim())
  @ValidateIf(isReturn)
  @IsNotEmpty({ message: '返送の理由を入力してください(例: 宛所に尋ねあたりません)' })
  returnReason?: string;
}
