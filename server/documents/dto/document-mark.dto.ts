import { Transform } from 'class-transformer';
import { Allow, IsIn, IsNotEmpty, ValidateIf, type ValidationArguments } from 'class-validator';
import { IsExpected } from '../../common/expected.js';
import { DOCUMENT_STATUSES, STATUS_LABEL } from '../document-status.js';
import type { DocumentStatus } from '../document.views.js';

const isStatus = (status: unknown): status is DocumentStatus =>
  (DOCUMENT_STATUSES as readonly unknown[]).includes(status);

/**
 * A person's mark on one document of a dossier's checklist (PUT /api/dossiers/:id/documents).
 * Whether rule and ref name an item of the checklist is judged by the service.
 */
export class DocumentMarkDto {
  /** `doc.seal`… */
  @Transform(({ value }: { value: unknown }) => String(value ?? ''))
  @Allow()
  rule = '';

  /** `sheet:2`…, null for a document of the whole dossier. */
  @Transform(({ value }: { value: unknown }) => (value ? String(value) : null))
  @Allow()
  ref: string | null = null;

  @IsIn(DOCUMENT_STATUSES, {
    message: '確認済み(found)・不足(missing)・不十分(insufficient)のいずれかを選んでください',
  })
  status: DocumentStatus;

  /** Said to the applicant in the deficiency notice: needed unless the document was found. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, 1000) : null,
  )
  @ValidateIf((mark: DocumentMarkDto) => isStatus(mark.status) && mark.status !== 'found')
  @IsNotEmpty({
    message: ({ object }: ValidationArguments) =>
      `${STATUS_LABEL[(object as DocumentMarkDto).status]}の内容を書いてください(申請者への不備通知に載ります)`,
  })
  note: string | null = null;

  /** The mark the caller saw: null for none, else its checkedAt. */
  @IsExpected()
  expected?: string | null;
}
