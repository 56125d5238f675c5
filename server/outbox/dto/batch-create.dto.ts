import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AsText, IsDossierIds } from '../../common/dto-fields.js';
import { MAIL_KINDS, type MailKind } from '../mail-template.js';

export class AttachmentDto {
  @AsText({ form: 'NFC', trim: true, max: 200 })
  @Matches(/^[^\\/:*?"<>|\r\n]+$/, {
    message: '添付ファイルの名前を入れてください(/ や : は使えません)',
  })
  fileName = '';

  @AsText({ trim: true, max: 100 })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, {
    message: '添付ファイルの種類(application/pdf など)が正しくありません',
  })
  mediaType = 'application/octet-stream';

  /** The file's bytes in base64 (at most 2 MB). */
  @AsText()
  @Matches(/^[A-Za-z0-9+/=\s]{4,2900000}$/, {
    message: '添付ファイルの中身(base64)が正しくないか、2 MB を超えています',
  })
  contentBase64 = '';
}

/**
 * A batch to draft (POST /api/outbox/batches): its kind and round, the payment deadline or the
 * day to resubmit by, for a reminder how many days before its deadline it goes out, and
 * optionally the applicants (else every one due) and attachments.
 */
export class BatchCreateDto {
  @AsText({ trim: true })
  roundId = '';

  @AsText({ trim: true })
  @IsIn(MAIL_KINDS, { message: `種類は ${MAIL_KINDS.join(', ')} のどれかです` })
  kind: MailKind = 'payment-request';

  @AsText({ trim: true })
  @ValidateIf((b: BatchCreateDto) => b.dueBy !== '')
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '期限を 2022-04-30 の形式で入れてください' })
  dueBy = '';

  /** Reminders: sent this many days before the deadline, at 9:00 Japan time. */
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || value === null || value === '' ? null : Number(value),
  )
  @ValidateIf((b: BatchCreateDto) => b.daysBefore !== null)
  @IsInt({ message: '何日前に送るかを 0〜60 の整数で入れてください' })
  @Min(0, { message: '何日前に送るかを 0〜60 の整数で入れてください' })
  @Max(60, { message: '何日前に送るかを 0〜60 の整数で入れてください' })
  daysBefore: number | null = null;

  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(String) : null))
  @ValidateIf((b: BatchCreateDto) => b.dossierIds !== null)
  @IsDossierIds(
    { min: 1, max: 20000 },
    { message: '申請 ID の一覧で指定してください', summary: '申請の指定が正しくありません' },
  )
  dossierIds: string[] | null = null;

  @IsArray({ message: '添付ファイルは一覧で送ってください' })
  @ArrayMaxSize(5, { message: '添付ファイルは 5 つまでです' })
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments: AttachmentDto[] = [];
}
