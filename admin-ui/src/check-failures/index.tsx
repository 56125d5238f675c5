import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { DataTable, HttpError, List, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';

interface Failure {
  id: string;
  roundId: string;
  certNo: string;
  name: string;
  error: string | null;
}

function RetryButton() {
  const failure = useRecordContext<Failure>();
  const notify = useNotify();
  const reload = useReload();
  const translate = useTranslate();
  const dataProvider = useShinsaDataProvider();
  const retry = useMutation({
    mutationFn: ({ roundId, certNo }: Failure) => dataProvider.retryCheck(roundId, certNo),
    onSuccess: async () => {
      await reload();
      notify('shinsa.checks.retried', { type: 'success' });
    },
    // The server's message, or react-admin's own when it sent none.
    onError: (e) => {
      notify(e instanceof HttpError && e.body?.message ? e.message : 'ra.notification.http_error', {
        type: 'error',
      });
      return reload();
    },
  });
  if (!failure) return null;
  return (
    <Button size="small" startIcon={<ReplayIcon />} onClick={() => retry.mutate(failure)}>
      {translate('shinsa.checks.retry')}
    </Button>
  );
}

/** Checks that failed after every retry (admins): the error, and a button to run them again. */
function CheckFailureList() {
  return (
    <List pagination={false} perPage={1000} empty={false} exporter={false}>
      <DataTable
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyHint first="shinsa.console.empty.check_failures" />}
      >
        <DataTable.Col source="roundId" disableSort />
        <DataTable.Col source="certNo" disableSort />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="error" disableSort />
        <DataTable.Col label="" disableSort>
          <RetryButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export default { list: CheckFailureList, icon: ErrorOutlineIcon };
