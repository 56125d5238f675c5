import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import {
  Alert,
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { DispatchKind, ExportName, ListExportRow } from '@server/mailings/mailing.views';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, Link, Title, useGetList, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useRoundSelect } from '../common/RoundSelect';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

type Message = { severity: 'success' | 'error'; text: string };

/** While a file is being written, its progress is followed (with the lists, as they were). */
const refetchInterval = (exports: Json<ListExportRow>[] | undefined) =>
  exports?.some((e) => e.status === 'queued' || e.status === 'running') ? 1000 : false;

const todayJst = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
const number = (n: number | null | undefined) => (n ?? 0).toLocaleString('ja-JP');

/**
 * The round's mailing lists (rules.md, After the decision): recipients now and still to send,
 * files written by a worker with progress (the same as `cli export`), the mailings recorded as
 * sent, and the ones that came back.
 */
function MailingListsPage() {
  const translate = useTranslate();
  const [round, roundSelect] = useRoundSelect('mailingLists.roundId');
  const dataProvider = useShinsaDataProvider();
  const reloadAll = useReload();
  const [pendingOnly, setPendingOnly] = useState(false);
  // Payment requests go by e-mail (the outbox) to whoever it reaches: letters for the others.
  const [requestsWithoutEmail, setRequestsWithoutEmail] = useState(true);
  const [sentList, setSentList] = useState<DispatchKind>('results');
  const [sentOn, setSentOn] = useState(todayJst());
  // The date the letters print: chosen when printing (the day they go out), today by default.
  const [letterDate, setLetterDate] = useState(todayJst());
  const [message, setMessage] = useState<Message | null>(null);
  const [confirmingSent, setConfirmingSent] = useState(false);
  const exports = useGetList<Json<ListExportRow>>(
    'exports',
    {
      filter: { roundId: round },
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'requestedAt', order: 'DESC' },
    },
    {
      enabled: !!round,
      refetchInterval: (query) => refetchInterval(query.state.data?.data),
      retry: false,
    },
  );
  const exportRows = exports.data ?? [];
  const summary = useQuery({
    queryKey: queryKeys.mailingLists(round),
    queryFn: () => dataProvider.getMailingLists(round),
    enabled: !!round,
    refetchInterval: refetchInterval(exportRows),
    retry: false,
  });
  const lists = summary.data?.lists ?? [];
  const dispatches = summary.data?.dispatches ?? [];
  const loadError = summary.error ?? exports.error;
  const reload = () => reloadAll(queryKeys.mailingLists(round), ['exports']);

  const requestExport = useMutation({
    mutationFn: ({
      list,
      format,
      encoding,
      layout,
    }: {
      list: ExportName;
      format: string;
      encoding?: string;
      layout?: 'list' | 'labels';
    }) =>
      dataProvider.requestExport(round, {
        list,
        format,
        encoding,
        layout,
        letterDate: format === 'pdf' && layout !== 'labels' ? letterDate : undefined,
        withoutEmailOnly: list === 'fee-request-letters' && requestsWithoutEmail,
        pendingOnly:
          pendingOnly &&
          list !== 'fee-requests' &&
          list !== 'missing-items' &&
          list !== 'fee-request-letters',
      }),
    onMutate: () => setMessage(null),
    onSuccess: () => reload(),
    onError: (e) => setMessage({ severity: 'error', text: e.message }),
  });
  const recordSent = useMutation({
    mutationFn: (request: { list: DispatchKind; sentOn: string }) =>
      dataProvider.recordDispatches(round, request),
    onMutate: () => setMessage(null),
    onSettled: () => setConfirmingSent(false),
    onSuccess: async (result, { sentOn: day }) => {
      // Said once the page shows the counts after the recording.
      await reload();
      setMessage({
        severity: 'success',
        text: translate('shinsa.dispatch.recorded', { count: result.recorded, sentOn: day }),
      });
    },
    onError: (e) => setMessage({ severity: 'error', text: e.message }),
  });
  const shown =
    message ?? (loadError ? { severity: 'error' as const, text: loadError.message } : null);
  const exportOf =
    (list: ExportName, format: string, encoding?: string, layout?: 'list' | 'labels') => () =>
      requestExport.mutate({ list, format, encoding, layout });
  const pendingOf = (kind: string) => lists.find((l) => l.list === kind)?.pending ?? 0;

  return (
    <Box sx={{ p: 2 }} id="mailing-lists">
      <Title title={translate('shinsa.dispatch.title')} />
      <Box sx={{ mb: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
        {roundSelect}
        <FormControlLabel
          control={
            <Checkbox checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} />
          }
          label={translate('shinsa.dispatch.pending_only')}
        />
        <FormControlLabel
          control={
            <Checkbox
              id="requests-without-email"
              checked={requestsWithoutEmail}
              onChange={(e) => setRequestsWithoutEmail(e.target.checked)}
            />
          }
          label={translate('shinsa.dispatch.requests_without_email')}
        />
        <TextField
          id="letter-date"
          type="date"
          size="small"
          label={translate('shinsa.dispatch.letter_date')}
          value={letterDate}
          onChange={(e) => setLetterDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          helperText={translate('shinsa.dispatch.letter_date_help')}
        />
      </Box>
      {shown && (
        <Alert
          severity={shown.severity}
          sx={{ mb: 2 }}
          onClose={message ? () => setMessage(null) : undefined}
        >
          {shown.text}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('shinsa.dispatch.help')}
      </Typography>
      <Table size="small" sx={{ maxWidth: 1100, mb: 3 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('shinsa.dispatch.list')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.rows')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.pending')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.late')}</TableCell>
            <TableCell>{translate('shinsa.dispatch.write')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lists.map((l) => (
            <TableRow key={l.list} data-list={l.list}>
              <TableCell>{l.title}</TableCell>
              <TableCell align="right">{number(l.rows)}</TableCell>
              <TableCell align="right">{l.pending === null ? '—' : number(l.pending)}</TableCell>
              <TableCell align="right">{number(l.lateChanges)}</TableCell>
              <TableCell>
                <ButtonGroup size="small" variant="outlined">
                  <Button onClick={exportOf(l.list, 'xlsx')}>Excel</Button>
                  <Button onClick={exportOf(l.list, 'csv')}>CSV (UTF-8)</Button>
                  <Button onClick={exportOf(l.list, 'csv', 'cp932')}>CSV (Shift_JIS)</Button>
                  {l.list === 'results' && (
                    <Button onClick={exportOf('result-letters', 'pdf')}>
                      {translate('shinsa.dispatch.letters')}
                    </Button>
                  )}
                  {l.list === 'fee-requests' && (
                    <Button onClick={exportOf('fee-request-letters', 'pdf')}>
                      {translate('shinsa.dispatch.fee_letters')}
                    </Button>
                  )}
                </ButtonGroup>{' '}
                <ButtonGroup size="small" variant="outlined" sx={{ mt: 0.5 }}>
                  <Button onClick={exportOf(l.list, 'csv', 'cp932', 'labels')}>
                    {translate('shinsa.dispatch.label_csv')}
                  </Button>
                  <Button onClick={exportOf(l.list, 'pdf', undefined, 'labels')}>
                    {translate('shinsa.dispatch.label_sheet')}
                  </Button>
                </ButtonGroup>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography variant="h6">{translate('shinsa.dispatch.exports')}</Typography>
      <Table size="small" sx={{ maxWidth: 1100, mb: 3 }} id="list-exports">
        <TableHead>
          <TableRow>
            <TableCell>{translate('shinsa.dispatch.list')}</TableCell>
            <TableCell>{translate('shinsa.dispatch.format')}</TableCell>
            <TableCell sx={{ width: 220 }}>{translate('shinsa.dispatch.status')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.rows')}</TableCell>
            <TableCell>{translate('shinsa.dispatch.requested')}</TableCell>
            <TableCell>{translate('shinsa.dispatch.download')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {exportRows.map((e) => (
            <TableRow key={e.id} data-export={e.list} data-status={e.status}>
              <TableCell>
                {translate(`shinsa.dispatch.lists.${e.list}`)}
                {e.layout === 'labels' ? ` ${translate('shinsa.dispatch.labels')}` : ''}
                {e.pendingOnly ? `(${translate('shinsa.dispatch.pending')})` : ''}
                {e.letterDate && e.layout !== 'labels'
                  ? ` ${translate('shinsa.dispatch.dated', { day: e.letterDate })}`
                  : ''}
              </TableCell>
              <TableCell>
                {e.format.toUpperCase()}
                {e.encoding === 'cp932' ? ' Shift_JIS' : ''}
              </TableCell>
              <TableCell>
                {translate(`shinsa.dispatch.states.${e.status}`)}
                {(e.status === 'running' || e.status === 'queued') && (
                  <LinearProgress
                    variant="determinate"
                    value={e.dossiersTotal ? (100 * e.dossiersDone) / e.dossiersTotal : 0}
                  />
                )}
                {e.error && <Alert severity="error">{e.error}</Alert>}
                {e.unrepresentable.length > 0 && (
                  <Alert severity="warning">
                    {translate('shinsa.dispatch.unrepresentable', {
                      count: e.unrepresentable.length,
                    })}
                  </Alert>
                )}
              </TableCell>
              <TableCell align="right">{e.rows === null ? '' : number(e.rows)}</TableCell>
              <TableCell>
                {e.requestedBy}{' '}
                {new Date(e.requestedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}
              </TableCell>
              <TableCell>
                {e.status === 'done' &&
                  e.files.map((file, part) => (
                    <Button key={file} size="small" href={`/api/exports/${e.id}/files/${part}`}>
                      {part === 0 ? file : translate('shinsa.dispatch.late_file')}
                    </Button>
                  ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography variant="h6">{translate('shinsa.dispatch.sent_title')}</Typography>
      <Table size="small" sx={{ maxWidth: 700, mb: 2 }} id="dispatch-counts">
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell align="right">{translate('shinsa.dispatch.sent')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.returned')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.relisted')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {dispatches.map((d) => (
            <TableRow key={d.kind}>
              <TableCell>{translate(`shinsa.dispatch.kinds.${d.kind}`)}</TableCell>
              <TableCell align="right">{number(d.sent)}</TableCell>
              <TableCell align="right">
                <Link
                  to={`/dispatches?filter=${encodeURIComponent(JSON.stringify({ roundId: round, kind: d.kind, returned: true }))}`}
                >
                  {number(d.returned + d.relisted)}
                </Link>
              </TableCell>
              <TableCell align="right">{number(d.relisted)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }} id="record-sent">
        <TextField
          select
          size="small"
          label={translate('shinsa.dispatch.kind')}
          value={sentList}
          onChange={(e) => setSentList(e.target.value as DispatchKind)}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="results">{translate('shinsa.dispatch.kinds.results')}</MenuItem>
          <MenuItem value="certificates">
            {translate('shinsa.dispatch.kinds.certificates')}
          </MenuItem>
        </TextField>
        <TextField
          type="date"
          size="small"
          label={translate('shinsa.dispatch.sent_on')}
          value={sentOn}
          onChange={(e) => setSentOn(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button
          variant="contained"
          onClick={() => setConfirmingSent(true)}
          disabled={pendingOf(sentList) === 0}
        >
          {translate('shinsa.dispatch.record', { count: pendingOf(sentList) })}
        </Button>
        <Confirm
          isOpen={confirmingSent}
          loading={recordSent.isPending}
          title="shinsa.dialogs.sent.title"
          content="shinsa.dialogs.sent.confirm"
          contentTranslateOptions={{
            count: pendingOf(sentList),
            kind: translate(`shinsa.dispatch.kinds.${sentList}`),
            sentOn,
          }}
          confirm="shinsa.dialogs.sent.submit"
          onConfirm={() => recordSent.mutate({ list: sentList, sentOn })}
          onClose={() => setConfirmingSent(false)}
        />
        <Link to="/dispatches">{translate('shinsa.dispatch.records')}</Link>
      </Box>
    </Box>
  );
}

export default { list: MailingListsPage, icon: LocalShippingIcon };
