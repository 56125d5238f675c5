import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import {
  EXPORT_TITLES,
  EXPORTS,
  formatsOf,
  isExportName,
  listOf,
  type ExportFormat,
  type ExportRequest,
} from '../export-lists.js';
import type { CsvEncoding } from '../list-writer.js';
import { dispatchKindOf } from '../mailing-lists.js';
import { EXPORT_LAYOUTS, type ExportLayout, type ExportName } from '../mailing.views.js';
import { IsDay } from './past-day.js';

const ENCODINGS: readonly CsvEncoding[] = ['utf8', 'cp932'];

/** `UTF-8`, `cp932`…: what is asked, or left as given when it is neither (for the message). */
function encodingOf(value: unknown): unknown {
  const encoding = String(value || 'utf8')
    .toLowerCase()
    .replace('-', '');
  return (ENCODINGS as readonly string[]).includes(encoding) ? encoding : value;
}

const titleOf = ({ object }: ValidationArguments) =>
  EXPORT_TITLES[(object as ExportRequestDto).list];

/**
 * An export asked for: queued from the console (POST /api/rounds/:roundId/exports), written at
 * once (GET /api/rounds/:roundId/mailing-lists/:file) or by `cli export`, which check it alike.
 */
export class ExportRequestDto implements ExportRequest {
  @Transform(({ value }: { value: unknown }) => String(value ?? ''))
  @IsIn(EXPORTS, {
    message: ({ value }) =>
      `一覧「${String(value ?? '')}」はありません。使える一覧: ${EXPORTS.join(', ')}`,
  })
  list: ExportName;

  @Transform(({ value }: { value: unknown }) => String(value ?? ''))
  @ValidateIf((request: ExportRequestDto) => isExportName(request.list))
  @ValidateBy(
    {
      name: 'isFormatOfList',
      validator: {
        validate: (format: ExportFormat, { object }: ValidationArguments) =>
          formatsOf(
            (object as ExportRequestDto).list,
            (object as ExportRequestDto).layout,
          ).includes(format),
      },
    },
    {
      message: (args) => {
        const { list, layout } = args.object as ExportRequestDto;
        const what = layout === 'labels' ? `${titleOf(args)}の宛名ラベル` : titleOf(args);
        return `${what}の形式は ${formatsOf(list, layout).join(' か ')} です(「${String(args.value ?? '')}」)`;
      },
    },
  )
  format: ExportFormat;

  @Transform(({ value }: { value: unknown }) => encodingOf(value))
  @IsIn(ENCODINGS, {
    message: ({ value }) => `文字コードは utf8 か cp932 にしてください(「${String(value)}」)`,
  })
  encoding: CsvEncoding = 'utf8';

  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @ValidateIf((request: ExportRequestDto) => isExportName(request.list))
  @ValidateBy(
    {
      name: 'isPendingOfMailing',
      validator: {
        validate: (pendingOnly: boolean, { object }: ValidationArguments) =>
          !pendingOnly || dispatchKindOf(listOf((object as ExportRequestDto).list)) !== null,
      },
    },
    { message: (args) => `${titleOf(args)}は発送を記録しないため「未発送のみ」は使えません` },
  )
  pendingOnly = false;

  /** `list` (the list itself, or the letters) or `labels` (address labels: CSV or PDF sheet). */
  @Transform(({ value }: { value: unknown }) => String(value || 'list'))
  @IsIn(EXPORT_LAYOUTS, {
    message: ({ value }) =>
      `layout は list(一覧)か labels(宛名ラベル)にしてください(「${String(value)}」)`,
  })
  layout: ExportLayout = 'list';

  /** The date the letters print (YYYY-MM-DD); absent: the day they are written. */
  @Transform(({ value }: { value: unknown }) => (value === '' || value == null ? null : value))
  @ValidateIf((request: ExportRequestDto) => request.letterDate != null)
  @IsDay('通知書の日付')
  letterDate: string | null = null;

  /** Only applicants the e-mail outbox cannot reach: letters for those without e-mail. */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  withoutEmailOnly = false;
}
