import { Matches, ValidateIf } from 'class-validator';
import { AsText } from '../../common/dto-fields.js';

/** A template (saved or being edited) shown as one applicant would get it. */
export class TemplatePreviewDto {
  @AsText({ form: 'NFC', max: 1000 })
  subject = '';

  @AsText({ form: 'NFC', max: 20000 })
  body = '';

  @AsText({ trim: true })
  @Matches(/^\d{1,18}$/, { message: 'プレビューする申請者を選んでください' })
  dossierId = '';

  /** The payment deadline or the day to resubmit by, as the batch would have it. */
  @AsText({ trim: true })
  @ValidateIf((p: TemplatePreviewDto) => p.dueBy !== '')
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '期限を 2022-04-30 の形式で入れてください' })
  dueBy = '';
}
