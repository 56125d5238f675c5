import DownloadIcon from '@mui/icons-material/Download';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button } from '@mui/material';
import type { MessageRow } from '@server/outbox/outbox.views';
import { MESSAGE_STATUSES } from '@server/outbox/outbox.views';
import { useMutation } from '@tanstack/react-query';
import {
  DataTable,
  List,
  Pagination,
  SearchInput,
  SelectInput,
  useNotify,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Json } from '../common/json';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { MessageStatusField } from './MessageStatusField';

type Message = Json<MessageRow>;

/** The message as an .eml file (a plain download: the browser saves it). */
function EmlLink() {
  const message = useRecordContext<Message>();
  const translate = useTranslate();
  if (!message) return null;
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      href={`/api/mail-messages/${message.id}/eml`}
      onClick={(e) => e.stopPropagation()}
      className="mail-eml"
    >
      {translate('resources.mail-messages.eml')}
    </Button>
  );
}

/** An admin sends an unsent or refused message again. */
function ResendButton() {
  const message = useRecordContext<Message>();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const { permissions } = usePermissions<string>();
  const dataProvider = useShinsaDataProvider();
  const resend = useMutation({
    mutationFn: () => dataProvider.resendMail(message!.id),
    onSuccess: async () => {
      await reload();
      notify('resources.mail-messages.resent', { type: 'success' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  if (!message || permissions !== 'admin' || !['unsent', 'bounced'].includes(message.status)) {
    return null;
  }
  return (
    <Button
      size="small"
      startIcon={<ReplayIcon />}
      disabled={resend.isPending}
      onClick={(e) => {
        e.stopPropagation();
        resend.mutate();
      }}
    >
      {translate('resources.mail-messages.resend')}
    </Button>
  );
}

/** Messages with recipient, subject, status (the reason on hover), when sent and the server's answer. */
export function MessageTable() {
  return (
    <>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="recipient" disableSort />
        <DataTable.Col source="subject" disableSort />
        <DataTable.Col source="status">
          <MessageStatusField />
        </DataTable.Col>
        <DataTable.Col source="sentAt">
          <JstDateTimeField source="sentAt" />
        </DataTable.Col>
        <DataTable.Col source="smtpResponse" disableSort />
        <DataTable.Col source="approvedBy" disableSort />
        <DataTable.Col label={false}>
          <EmlLink />
          <ResendButton />
        </DataTable.Col>
      </DataTable>
      <Pagination />
    </>
  );
}

/** Every message of the outbox, by status. */
export function MessageList() {
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={MESSAGE_STATUSES.filter((s) => s !== 'sending').map((s) => ({
        id: s,
        name: translate(`resources.mail-messages.status.${s}`),
      }))}
    />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={50}
      exporter={false}
      pagination={false}
    >
      <MessageTable />
    </List>
  );
}
