import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { AuditChanges } from '../../audit/AuditChanges';
import { auditActionText } from '../../audit/auditRowText';
import { useAuditActionLabel } from '../../audit/useAuditActionLabel';
import { useShinsaDataProvider } from '../../providers/dataProvider';
import { queryKeys } from '../../providers/queryKeys';
import { japanDateTime } from '../../common/japanTime';

const WRAP = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

/**
 * The dossier's history from the audit trail: who did what and what it changed, newest first
 * (secretariat). A person's consecutive views are one row (the server collapses them), so the
 * decisions and changes stand out.
 */
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
    <Table size="small" id="dossier-history" sx={{ tableLayout: 'fixed', width: '100%' }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 170 }}>{translate('resources.audit-events.fields.at')}</TableCell>
          <TableCell sx={{ width: 120 }}>
            {translate('resources.audit-events.fields.actor')}
          </TableCell>
          <TableCell sx={{ width: 220 }}>
            {translate('resources.audit-events.fields.action')}
          </TableCell>
          <TableCell>{translate('resources.audit-events.fields.changes')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} className={row.views ? 'audit-views' : undefined}>
            <TableCell>{japanDateTime(row.at)}</TableCell>
            <TableCell sx={WRAP}>{row.actor}</TableCell>
            <TableCell sx={WRAP}>{auditActionText(translate, actionLabel, row)}</TableCell>
            <TableCell sx={WRAP}>
              <AuditChanges row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
