import { useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useItemLabel, type ItemOverrideActions } from './ItemOverrideField';

/**
 * The reason for 採用 / 不採用 of a case or attendance against the automatic result (rules.md:
 * always with a reason; the server's override takes free text, no codes).
 */
export function OverrideReasonDialog({ dialog }: { dialog: ItemOverrideActions['dialog'] }) {
  const translate = useTranslate();
  const itemLabel = useItemLabel();
  const { request } = dialog;
  const action = request?.accepted ? 'accept' : 'reject';
  return (
    <ReasonDialog
      open={request !== null}
      title={
        request
          ? translate(`shinsa.dialogs.override.title_${action}`, { item: itemLabel(request.ref) })
          : ''
      }
      help={translate(`shinsa.dialogs.override.help_${action}`)}
      label={translate('shinsa.dialogs.override.reason')}
      submitLabel={translate(`shinsa.dialogs.override.submit_${action}`)}
      submitColor={request?.accepted ? 'primary' : 'error'}
      emptyMessage={translate('shinsa.dialogs.override.empty')}
      saving={dialog.saving}
      error={dialog.error}
      onSubmit={dialog.onSubmit}
      onClose={dialog.onClose}
    />
  );
}
