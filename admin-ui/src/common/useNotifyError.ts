import { useEffect } from 'react';
import { useNotify } from 'react-admin';

/** Notifies a query's failure with the server's message (react-query's queries have no onError). */
export function useNotifyError(error: Error | null): void {
  const notify = useNotify();
  useEffect(() => {
    if (error) notify(error.message, { type: 'error' });
  }, [error, notify]);
}
