import MailOutlineIcon from '@mui/icons-material/MailOutlined';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import type { NoticeRow } from '@server/documents/document.views';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  DataTable,
  DateInput,
  FunctionField,
  List,
  SearchInput,
  TopToolbar,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import { CsvExportButton } from '../common/CsvExportButton';
import { EmptyHint } from '../common/EmptyHint';
import type { Json } from '../common/json';
import { useReload } from '../common/useReload';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { NoticeLettersButton } from './NoticeLettersButton';

type Notice = Json<NoticeRow>;

/** Issues notices to every applicant of the round with documents found missing or insufficient. */
function IssueButton() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const dataProvider = useShinsaDataProvider();
  const [open, setOpen] = useState(false);
  const [resubmitBy, setResubmitBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const roundId = filterValues.roundId as string | undefined;
  const issueNotices = useMutation({
    mutationFn: () => dataProvider.issueDeficiencyNotices({ roundId, resubmitBy }),
    onMutate: () => setError(null),
    onSuccess: async (result) => {
      setOpen(false);
      await reload();
      notify('resources.deficiency-notices.issued', { type: 'success', messageArgs: result });
    },
    onError: (e) => setError(e.message),
  });
  const issue = () => issueNotices.mutate();
  return (
    <>
      <Button
        size="small"
        startIcon={<NoteAddIcon />}
        onClick={() => setOpen(true)}
        disabled={!roundId}
        id="notices-issue"
      >
        {translate('resources.deficiency-notices.issue')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('resources.deficiency-notices.issue')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('resources.deficiency-notices.issue_help', { roundId })}
          </Typography>
          <TextField
            id="notices-resubmit-by"
            type="date"
            label={translate('resources.deficiency-notices.fields.resubmitBy')}
            value={resubmitBy}
            onChange={(e) => setResubmitBy(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={issue} disabled={!resubmitBy} id="notices-submit">
            {translate('resources.deficiency-notices.issue')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function NoticeList() {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <DateInput key="issuedOn" source="issuedOn" />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'issuedAt', order: 'DESC' }}
      perPage={50}
      exporter={false}
      actions={
        <TopToolbar>
          <IssueButton />
          <CsvExportButton
            path="/api/deficiency-notices/export.csv"
            label="resources.deficiency-notices.export"
          />
          <NoticeLettersButton />
        </TopToolbar>
      }
    >
      <DataTable
        bulkActionButtons={false}
        rowClick={(_, __, r) => `/dossiers/${(r as Notice).dossierId}/show/mail`}
        empty={<EmptyHint first="shinsa.console.empty.deficiency_notices" />}
      >
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="items" disableSort>
          <FunctionField<Notice>
            render={(n) => (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {n.items.map((i) => (
                  <li key={`${i.rule}-${i.ref}`}>{i.message}</li>
                ))}
              </ul>
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="resubmitBy" />
        <DataTable.Col source="issuedBy" disableSort />
        <DataTable.Col source="issuedAt">
          <JstDateTimeField source="issuedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** Deficiency notices (不備通知) to applicants, for letters or e-mails. */
export default { list: NoticeList, icon: MailOutlineIcon };
