import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import {
  Alert,
  Box,
  Button,
  ButtonGroup,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { callApi } from '../common/api';
import { useRoundSelect } from '../common/RoundSelect';

interface ListSummary {
  list: string;
  title: string;
  rows: number;
  lateChanges: number;
}

/**
 * The round's mailing lists (rules.md, After the decision): how many recipients each has now,
 * and the files to print or merge — the same as `cli export`.
 */
function MailingListsPage() {
  const translate = useTranslate();
  const [round, roundSelect] = useRoundSelect('mailingLists.roundId');
  const [lists, setLists] = useState<ListSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!round) return;
    callApi<ListSummary[]>(`/api/rounds/${encodeURIComponent(round)}/mailing-lists`)
      .then(setLists)
      .catch((e: Error) => setError(e.message));
  }, [round]);
  const href = (list: string, kind: string, encoding?: string) =>
    `/api/rounds/${encodeURIComponent(round)}/mailing-lists/${list}.${kind}${encoding ? `?encoding=${encoding}` : ''}`;
  return (
    <Box sx={{ p: 2 }} id="mailing-lists">
      <Title title={translate('shinsa.dispatch.title')} />
      <Box sx={{ mb: 2 }}>{roundSelect}</Box>
      {error && <Alert severity="error">{error}</Alert>}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('shinsa.dispatch.help')}
      </Typography>
      <Table size="small" sx={{ maxWidth: 960 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('shinsa.dispatch.list')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.rows')}</TableCell>
            <TableCell align="right">{translate('shinsa.dispatch.late')}</TableCell>
            <TableCell>{translate('shinsa.dispatch.download')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lists.map((l) => (
            <TableRow key={l.list} data-list={l.list}>
              <TableCell>{l.title}</TableCell>
              <TableCell align="right">{l.rows.toLocaleString('ja-JP')}</TableCell>
              <TableCell align="right">{l.lateChanges.toLocaleString('ja-JP')}</TableCell>
              <TableCell>
                <ButtonGroup size="small" variant="outlined">
                  <Button href={href(l.list, 'xlsx')}>Excel</Button>
                  <Button href={href(l.list, 'csv')}>CSV (UTF-8)</Button>
                  <Button href={href(l.list, 'csv', 'cp932')}>CSV (Shift_JIS)</Button>
                </ButtonGroup>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export default { list: MailingListsPage, icon: LocalShippingIcon };
