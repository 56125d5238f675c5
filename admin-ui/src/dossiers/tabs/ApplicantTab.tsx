import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { DossierRecord } from '../dossierRecord';

/** 申請1 as the applicant registered it, labelled as the export names its columns. */
export function ApplicantTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  const shown = (value: unknown) =>
    value === true
      ? '有'
      : value === false
        ? '無'
        : value === null || value === ''
          ? '—'
          : String(value);
  return (
    <Table size="small" id="applicant-form" sx={{ maxWidth: 720 }}>
      <TableBody>
        {Object.entries(dossier.applicant).map(([key, value]) => (
          <TableRow key={key}>
            <TableCell component="th" sx={{ width: 220, color: 'text.secondary' }}>
              {translate(`resources.dossiers.applicant.${key}`, { _: key })}
            </TableCell>
            <TableCell>{shown(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
