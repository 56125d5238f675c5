import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { useAuditActionLabel } from '../../audit/useAuditActionLabel';
import { useShinsaDataProvider } from '../../providers/dataProvider';
import { queryKeys } from '../../providers/queryKeys';
import { japanDateTime } from '../../common/japanTime';

const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value);

/** The dossier's history from the audit trail: who did what, newest first (secretariat). */
export function HistoryTab() {
  const dossier = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const actionLabel = useAuditActionLabel();
  const dataProvider = useShinsaDataProvider();
  const { data: rows, error } = useQuery({
    queryKey: queryKeys.dossierHistory(dossier?.id ?? ''),
    queryFn: () => dataProvider.getDossierHistory(dossier!.id),
    enabled: !!dossier,
    retry: false,
  });
  if (error) return <Typography color="error">{error.message}</Typography>;
  if (!rows) return null;
  return (
    <Table size="small" id="dossier-history">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.audit-events.fields.at')}</TableCell>
          <TableCell>{translate('resources.audit-events.fields.actor')}</TableCell>
          <TableCell>{translate('resources.audit-events.fields.action')}</TableCell>
          <TableCell>{translate('resources.audit-events.fields.before')}</TableCell>
          <TableCell>{translate('resources.audit-events.fields.after')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{japanDateTime(row.at)}</TableCell>
            <TableCell>{row.actor}</TableCell>
            <TableCell>{actionLabel(row.action)}</TableCell>
            <TableCell sx={{ maxWidth: 300, wordBreak: 'break-all' }}>{json(row.before)}</TableCell>
            <TableCell sx={{ maxWidth: 300, wordBreak: 'break-all' }}>{json(row.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
