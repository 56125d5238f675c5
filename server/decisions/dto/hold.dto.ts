import { Transform } from 'class-transformer';
import { Allow } from 'class-validator';
import { AsText, IsDossierIds } from '../../common/dto-fields.js';
import { reasonCodesOf, REASON_TEXT } from './decision.dto.js';

/** 保留 of the dossiers chosen in the list (POST /api/decisions/hold), with one reason. */
export class HoldDto {
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? [...new Set(value.map(String))] : [],
  )
  @IsDossierIds(
    { min: 1, max: 5000 },
    {
      message: '申請 ID の一覧で指定してください',
      summary: '保留にする申請を 1〜5,000 件選んでください',
    },
  )
  dossierIds: string[] = [];

  @Transform(({ value }: { value: unknown }) => reasonCodesOf(value))
  @Allow()
  reasonCodes: string[] = [];

  @AsText(REASON_TEXT)
  reason = '';
}
