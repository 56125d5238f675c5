import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsInt, IsNotEmpty, IsPositive } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';

/** Dossiers one request may assign at once: a whole round of a few thousand fits. */
export const MAX_ASSIGN_AT_ONCE = 20_000;

const REVIEWER = { message: '審査委員を選んでください' };

/** Dossiers (by 認定番号) of a round to assign to one reviewer (POST /api/assignments). */
export class AssignmentDto {
  @AsText()
  @IsNotEmpty({ message: '年度を指定してください' })
  roundId = '';

  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? [...new Set(value.map((c) => String(c).normalize('NFKC').trim()))] : [],
  )
  @ArrayNotEmpty({ message: '割り当てる申請(認定番号)を 1 件以上選んでください' })
  @ArrayMaxSize(MAX_ASSIGN_AT_ONCE, {
    message: `一度に割り当てられるのは ${MAX_ASSIGN_AT_ONCE} 件までです。分けて割り当ててください`,
  })
  certNos: string[] = [];

  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsInt(REVIEWER)
  @IsPositive(REVIEWER)
  reviewerId: number;

  /** Only admins may assign despite a conflict of interest, and only with a reason. */
  @AsText({ trim: true })
  overrideReason = '';
}
