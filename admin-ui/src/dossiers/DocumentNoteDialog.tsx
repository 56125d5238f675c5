import type { DocumentStatus } from '@server/documents/document.views';
import { useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';

/**
 * Usual wordings of a deficiency, by document and mark, from rules.md (what a cover, a seal
 * and a proof of attendance must show; what is not a proof).
 */
const PHRASES: Record<string, Partial<Record<DocumentStatus, readonly string[]>>> = {
  'doc.cover': { insufficient: ['no_date', 'no_signature', 'no_seal'] },
  'doc.seal': { insufficient: ['seal_absent', 'seal_unclear'] },
  'doc.attendance': {
    insufficient: ['receipt', 'poster_programme', 'surname_only', 'member_no_only', 'incomplete'],
  },
};

export interface NoteRequest {
  rule: string;
  /** The document as people name it (病院長公印 一覧表(2), 参加証明 3). */
  label: string;
  status: Exclude<DocumentStatus, 'found'>;
}

/** What is missing or insufficient: it goes into the deficiency notice, so it may not be empty. */
export function DocumentNoteDialog({
  request,
  saving,
  error,
  onSubmit,
  onClose,
}: {
  request: NoteRequest | null;
  saving: boolean;
  error: string | null;
  onSubmit: (note: string) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const status = request?.status ?? 'missing';
  const phrases = request
    ? [
        ...(PHRASES[request.rule]?.[status] ?? []),
        ...(status === 'missing' ? ['not_enclosed'] : []),
      ]
    : [];
  return (
    <ReasonDialog
      open={request !== null}
      title={
        request
          ? translate('shinsa.dialogs.note.title', {
              document: request.label,
              status: translate(`shinsa.documents.status.${status}`),
            })
          : ''
      }
      help={translate(`shinsa.documents.note_prompt.${status}`)}
      label={translate('shinsa.dialogs.note.label')}
      submitLabel={translate('shinsa.dialogs.note.submit', {
        status: translate(`shinsa.documents.status.${status}`),
      })}
      submitColor={status === 'missing' ? 'error' : 'warning'}
      emptyMessage={translate('shinsa.dialogs.note.empty')}
      suggestions={phrases.map((p) => translate(`shinsa.dialogs.note.phrase.${p}`))}
      saving={saving}
      error={error}
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}
