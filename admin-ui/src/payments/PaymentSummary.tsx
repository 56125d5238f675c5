import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useListContext, useTranslate } from 'react-admin';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

const yen = (n: number) => `${n.toLocaleString('ja-JP')} 円`;

/**
 * The round's payments counted and summed per reconciliation (each fee apart below), as the
 * accountant asks for them; a row filters the list to its reconciliation.
 */
export function PaymentSummary({ order }: { order: readonly string[] }) {
  const { filterValues, setFilters } = useListContext();
  const translate = useTranslate();
  const dataProvider = useShinsaDataProvider();
  const roundId = typeof filterValues.roundId === 'string' ? filterValues.roundId : '';
  const summary = useQuery({
    queryKey: queryKeys.paymentSummary(roundId),
    queryFn: () => dataProvider.getPaymentSummary(roundId),
    enabled: roundId !== '',
  });
  if (!summary.data || summary.data.length === 0) return null;
  const rows = order
    .map((reconciliation) => {
      const parts = summary.data.filter((t) => t.reconciliation === reconciliation);
      const sum = (key: 'count' | 'amount' | 'handlingFee') =>
        parts.reduce((n, t) => n + t[key], 0);
      return {
        reconciliation,
        parts,
        count: sum('count'),
        amount: sum('amount'),
        handlingFee: sum('handlingFee'),
      };
    })
    .filter((r) => r.count > 0);
  const total = (key: 'count' | 'amount' | 'handlingFee') => rows.reduce((n, r) => n + r[key], 0);
  const f = (key: string) => translate(`resources.payments.fields.${key}`);
  return (
    <Box sx={{ px: 2, pt: 1 }} id="payment-summary">
      <Table size="small" sx={{ width: 'auto', minWidth: 560 }}>
        <TableHead>
          <TableRow>
            <TableCell>{f('reconciliation')}</TableCell>
            <TableCell align="right">{translate('shinsa.payments.summary.count')}</TableCell>
            <TableCell align="right">{f('amount')}</TableCell>
            <TableCell align="right">{f('handlingFee')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={r.reconciliation}
              hover
              sx={{ cursor: 'pointer' }}
              onClick={() => setFilters({ ...filterValues, reconciliation: r.reconciliation }, {})}
            >
              <TableCell>
                {translate(`shinsa.payments.reconciliation.${r.reconciliation}`)}
                <Typography variant="caption" color="text.secondary" component="div">
                  {r.parts.map((p) => `${p.item} ${p.count}`).join('・')}
                </Typography>
              </TableCell>
              <TableCell align="right">{r.count.toLocaleString('ja-JP')}</TableCell>
              <TableCell align="right">{yen(r.amount)}</TableCell>
              <TableCell align="right">{yen(r.handlingFee)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell sx={{ fontWeight: 'bold' }}>
              {translate('shinsa.payments.summary.total')}
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 'bold' }}>
              {total('count').toLocaleString('ja-JP')}
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 'bold' }}>
              {yen(total('amount'))}
            </TableCell>
            <TableCell align="right" sx={{ fontWeight: 'bold' }}>
              {yen(total('handlingFee'))}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
}
