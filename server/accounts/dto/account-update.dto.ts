import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '../../auth/user.entity.js';

/** What an admin may change of an account (the login stays; the password has its own reset). */
export class AccountUpdateDto {
  @IsOptional()
  @IsString({ message: '氏名は文字で入力してください' })
  @MaxLength(100, { message: '氏名は 100 文字以内です' })
  displayName?: string;

  @IsOptional()
  @IsIn(USER_ROLES as UserRole[], {
    message: '役割は 管理者 / 事務局 / 審査委員 から選んでください',
  })
  role?: UserRole;

  @IsOptional()
  @IsBoolean({ message: '有効・無効を選んでください' })
  active?: boolean;

  @IsOptional()
  @IsString({ message: '勤務先の施設番号は文字で入力してください' })
  @MaxLength(32, { message: '施設番号は 32 文字以内です' })
  workplaceFacilityNo?: string | null;

  @IsOptional()
  @IsString({ message: '勤務先名は文字で入力してください' })
  @MaxLength(200, { message: '勤務先名は 200 文字以内です' })
  workplaceName?: string | null;
}
