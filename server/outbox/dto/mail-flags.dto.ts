import { Transform } from 'class-transformer';
import { IsBoolean, ValidateIf, MinLength } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';

/** An applicant's e-mail flags (PUT /api/dossiers/:id/mail-flags). */
export class MailFlagsDto {
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  doNotMail = false;

  /** Why the applicant is not to be mailed (their request, a complaint…): needed to set it. */
  @AsText({ form: 'NFC', trim: true, max: 500 })
  @ValidateIf((f: MailFlagsDto) => f.doNotMail)
  @MinLength(1, { message: 'メールを送らない理由を入れてください(本人の申し出など)' })
  reason = '';

  /** The refused address was corrected with the applicant: e-mail may go to it again. */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true')
  @IsBoolean()
  clearBadAddress = false;
}
