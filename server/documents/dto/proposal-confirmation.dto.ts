import { IsString, Matches, MaxLength } from 'class-validator';

const MESSAGE = '確定する郵便の受付番号を指定してください(例: R2021-000123)';

/** The envelope whose proposals are confirmed together (its 受付番号). */
export class ProposalConfirmationDto {
  @IsString({ message: MESSAGE })
  @Matches(/\S/, { message: MESSAGE })
  @MaxLength(64, { message: MESSAGE })
  receiptNo!: string;
}
