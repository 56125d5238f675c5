import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString({ message: 'ログイン名を入力してください' })
  @MinLength(1, { message: 'ログイン名を入力してください' })
  @MaxLength(64, { message: 'ログイン名は 64 文字以内です' })
  login: string;

  @IsString({ message: 'パスワードを入力してください' })
  @MinLength(1, { message: 'パスワードを入力してください' })
  @MaxLength(200, { message: 'パスワードは 200 文字以内です' })
  password: string;
}
