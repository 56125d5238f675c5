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
import { useCallback, useEffect, useState } from 'react';
import { Link, Title, useTranslate } from 'react-admin';
import { callApi } from '../common/api';
import { useRoundSelect } from '../common/RoundSelect';

interface ListSummary {
  list: string;
  title: string;
  rows: number;
  pending: number | null;
  lateChanges: number;
}
interface DispatchCounts {
  kind: string;
  sent: number;
  returned: number;
  relisted: number;
}
interface ExportRow {
  id: string;
  list: string;
  format: string;
  encoding: string;
  pendingOnly: boolean;
  status: 'queued' | 'running' | 'done' | 'failed' | 'expired';
  dossiersDone: number;
  dossiersTotal: number | null;
  rows: number | null;
  lateChanges: number | null;
  unrepresentable: unknown[];
  files: string[];
  error: string | null;
  requestedBy: string;
  requestedAt: string;
}

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
  const [lists, setLists] = useState<ListSummary[]>([]);
  const [dispatches, setDispatches] = useState<DispatchCounts[]>([]);
  const [exports, setExports] = useState<ExportRow[]>([]);
  const [pendingOnly, setPendingOnly] = useState(false);
  const [sentList, setSentList] = useState('results');
  const [sentOn, setSentOn] = useState(todayJst());
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(
    null,
  );
  const roundPath = `/api/rounds/${encodeURIComponent(round)}`;

  const refresh = useCallback(async () => {
    if (!round) return;
    try {
      const summary = await callApi<{ lists: ListSummary[]; dispatches: DispatchCounts[] }>(
        `${roundPath}/mailing-lists`,
      );
      setLists(summary.lists);
      setDispatches(summary.dispatches);
      const filter = encodeURIComponent(JSON.stringify({ roundId: round }));
      setExports(await callApi<ExportRow[]>(`/api/exports?filter=${filter}&range=[0,9]`));
    } catch (e) {
      setMessage({ severity: 'error', text: (e as Error).message });
    }
  }, [round, roundPath]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // While a file is being written, follow its progress.
  const working = exports.some((e) => e.status === 'queued' || e.status === 'running');
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [working, refresh]);

  const requestExport = async (list: string, format: string, encoding?: string) => {
    setMessage(null);
    try {
      await callApi(`${roundPath}/exports`, {
        json: {
          list,
          format,
          encoding,
          pendingOnly: pendingOnly && list !== 'fee-requests' && list !== 'missing-items',
        },
      });
      await refresh();
    } catch (e) {
      setMessage({ severity: 'error', text: (e as Error).message });
    }
  };
  const recordSent = async () => {
    setMessage(null);
    try {
      const result = await callApi<{ recorded: number }>(`${roundPath}/dispatches`, {
        json: { list: sentList, sentOn },
      });
      setMessage({
        severity: 'success',
        text: translate('shinsa.dispatch.recorded', { count: result.recorded, sentOn }),
      });
      await refresh();
    } catch (e) {
      setMessage({ severity: 'error', text: (e as Error).message });
    }
  };
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
      </Box>
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
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
                  <Button onClick={() => requestExport(l.list, 'xlsx')}>Excel</Button>
                  <Button onClick={() => requestExport(l.list, 'csv')}>CSV (UTF-8)</Button>
                  <Button onClick={() => requestExport(l.list, 'csv', 'cp932')}>
                    CSV (Shift_JIS)
                  </Button>
                  {l.list === 'results' && (
                    <Button onClick={() => requestExport('result-letters', 'pdf')}>
                      {translate('shinsa.dispatch.letters')}
                    </Button>
                  )}
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
          {exports.map((e) => (
            <TableRow key={e.id} data-export={e.list} data-status={e.status}>
              <TableCell>
                {translate(`shinsa.dispatch.lists.${e.list}`)}
                {e.pendingOnly ? `(${translate('shinsa.dispatch.pending')})` : ''}
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
          onChange={(e) => setSentList(e.target.value)}
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
        <Button variant="contained" onClick={recordSent} disabled={pendingOf(sentList) === 0}>
          {translate('shinsa.dispatch.record', { count: pendingOf(sentList) })}
        </Button>
        <Link to="/dispatches">{translate('shinsa.dispatch.records')}</Link>
      </Box>
    </Box>
  );
}

export default { list: MailingListsPage, icon: LocalShippingIcon };
