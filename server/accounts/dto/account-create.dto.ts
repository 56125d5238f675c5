import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '../../auth/user.entity.js';

/** A new account, as an admin enters it; the password is made by the server unless given. */
export class AccountCreateDto {
  @IsString({ message: 'ログイン名を入力してください' })
  @MaxLength(64, { message: 'ログイン名は 64 文字以内です' })
  login: string;

  @IsOptional()
  @IsString({ message: '氏名は文字で入力してください' })
  @MaxLength(100, { message: '氏名は 100 文字以内です' })
  displayName?: string;

  @IsIn(USER_ROLES as UserRole[], {
    message: '役割は 管理者 / 事務局 / 審査委員 から選んでください',
  })
  role: UserRole;

  @IsOptional()
  @IsString({ message: '勤務先の施設番号は文字で入力してください' })
  @MaxLength(32, { message: '施設番号は 32 文字以内です' })
  workplaceFacilityNo?: string | null;

  @IsOptional()
  @IsString({ message: '勤務先名は文字で入力してください' })
  @MaxLength(200, { message: '勤務先名は 200 文字以内です' })
  workplaceName?: string | null;

  @IsOptional()
  @IsString({ message: 'パスワードは文字で入力してください' })
  @MaxLength(200, { message: 'パスワードは 200 文字以内です' })
  password?: string;
}
