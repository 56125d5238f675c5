import { IsBoolean, IsNotEmpty } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';
import { IsExpected } from '../../common/expected.js';

/**
 * 採用 / 不採用 of one case or attendance (PUT /api/dossiers/:id/overrides). Checked by
 * ItemOverrideService together with its ref, which must name an item of the dossier.
 */
export class ItemOverrideDto {
  /** `case:1-7` or `attendance:3`. */
  @AsText({ trim: true })
  ref = '';

  @IsBoolean({ message: '採用するか不採用にするかを選んでください' })
  accepted: boolean;

  @AsText({ trim: true, max: 2000 })
  @IsNotEmpty({ message: '自動判定と違う扱いにする理由を書いてください' })
  reason = '';

  /** The override the caller saw: null for none, else its decidedAt. */
  @IsExpected()
  expected?: string | null;
}
