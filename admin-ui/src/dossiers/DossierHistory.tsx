import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { callApi } from '../common/api';

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

const jst = (iso: string) =>
  new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });
const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value);

/** The dossier's history from the audit trail: who did what, newest first (secretariat). */
export function DossierHistory() {
  const dossier = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!dossier) return;
    callApi<AuditRow[]>(`/api/dossiers/${dossier.id}/audit-events?range=[0,499]`)
      .then(setRows)
      .catch((e: Error) => setError(e.message));
  }, [dossier]);
  if (error) return <Typography color="error">{error}</Typography>;
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
            <TableCell>{jst(row.at)}</TableCell>
            <TableCell>{row.actor}</TableCell>
            <TableCell>
              {translate(`shinsa.audit.actions.${row.action}`, { _: row.action })}
            </TableCell>
            <TableCell sx={{ maxWidth: 300, wordBreak: 'break-all' }}>{json(row.before)}</TableCell>
            <TableCell sx={{ maxWidth: 300, wordBreak: 'break-all' }}>{json(row.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
