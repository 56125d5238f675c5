import { Transform } from 'class-transformer';
import { Allow, IsIn, IsOptional, Length, ValidateBy } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';
import type { SavedView } from '../saved-view.views.js';

/** The lists a view may be saved for. */
export const VIEW_RESOURCES = ['dossiers'] as const;
const MAX_FILTER_JSON = 4000;

/** A view as saved from a list (POST /api/saved-views): its name, filter and sort. */
export class SavedViewDto {
  @IsIn(VIEW_RESOURCES, {
    message: ({ value }) => `一覧「${String(value)}」にはビューを保存できません`,
    context: { summary: `ビューを保存できる一覧は ${VIEW_RESOURCES.join(', ')} です` },
  })
  resource: string;

  @AsText({ form: 'NFC', trim: true })
  @Length(1, 80, { message: 'ビューの名前を 1〜80 文字で付けてください' })
  name = '';

  @Transform(({ value }: { value: unknown }) => value ?? {})
  @ValidateBy(
    {
      name: 'isFilter',
      validator: {
        validate: (filter: unknown) =>
          typeof filter === 'object' &&
          filter !== null &&
          !Array.isArray(filter) &&
          JSON.stringify(filter).length <= MAX_FILTER_JSON,
      },
    },
    { message: '絞り込み条件が正しくありません' },
  )
  filter: Record<string, unknown> = {};

  @IsOptional()
  @ValidateBy(
    {
      name: 'isSort',
      validator: {
        validate: (sort: { field?: unknown; order?: unknown }) =>
          typeof sort.field === 'string' &&
          /^[A-Za-z]{1,40}$/.test(sort.field) &&
          (sort.order === 'ASC' || sort.order === 'DESC'),
      },
    },
    { message: '並び順は {field, order: ASC|DESC} で指定してください' },
  )
  sort?: NonNullable<SavedView['sort']> | null;

  /** Shared with everybody (office staff only: the service knows who asks). */
  @Transform(({ value }: { value: unknown }) => value === true)
  @Allow()
  shared = false;
}
