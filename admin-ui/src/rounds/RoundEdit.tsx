import { Edit, useNotify, useRefresh, useTranslate } from 'react-admin';
import { RoundForm } from './RoundForm';

/** Pessimistic: the save waits for the server, which refuses a stale version with 409. */
export function RoundEdit() {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  return (
    <Edit
      mutationMode="pessimistic"
      mutationOptions={{
        onSuccess: () => notify(translate('shinsa.rounds.saved'), { type: 'success' }),
        onError: (error: { status?: number; message?: string }) => {
          if (error.status === 409) {
            notify(translate('shinsa.rounds.conflict'), { type: 'error' });
            refresh();
          } else {
            notify(error.message ?? 'ra.notification.http_error', { type: 'error' });
          }
        },
      }}
    >
      <RoundForm />
    </Edit>
  );
}
