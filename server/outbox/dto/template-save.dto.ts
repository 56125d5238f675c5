import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';

/** A template as an admin saves it (PUT /api/outbox/templates/:kind). */
export class TemplateSaveDto {
  @AsText({ form: 'NFC', max: 1000 })
  subject = '';

  @AsText({ form: 'NFC', max: 20000 })
  body = '';

  /** The version the admin edited: someone else's save meanwhile answers 409. */
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt({ message: 'version がありません: 編集を始めたときのテンプレートの版を送ってください' })
  @Min(1, { message: 'version は 1 以上の整数です' })
  version = 0;
}
