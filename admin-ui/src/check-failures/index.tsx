import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button } from '@mui/material';
import {
  DataTable,
  List,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

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
  const refresh = useRefresh();
  const translate = useTranslate();
  if (!failure) return null;
  const retry = async () => {
    const response = await fetch(
      `/api/check-failures/${encodeURIComponent(failure.roundId)}/${encodeURIComponent(failure.certNo)}/retry`,
      { method: 'POST', credentials: 'same-origin' },
    );
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    if (response.ok) notify('shinsa.checks.retried', { type: 'success' });
    else notify(body.message ?? 'ra.notification.http_error', { type: 'error' });
    refresh();
  };
  return (
    <Button size="small" startIcon={<ReplayIcon />} onClick={retry}>
      {translate('shinsa.checks.retry')}
    </Button>
  );
}

/** Checks that failed after every retry (admins): the error, and a button to run them again. */
function CheckFailureList() {
  return (
    <List pagination={false} perPage={1000}>
      <DataTable bulkActionButtons={false} rowClick={false}>
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
