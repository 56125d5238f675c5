import { IsString, MaxLength } from 'class-validator';

export class PasswordChangeDto {
  @IsString({ message: '今のパスワードを入力してください' })
  @MaxLength(200, { message: 'パスワードは 200 文字以内です' })
  currentPassword: string;

  @IsString({ message: '新しいパスワードを入力してください' })
  @MaxLength(200, { message: 'パスワードは 200 文字以内です' })
  newPassword: string;
}
