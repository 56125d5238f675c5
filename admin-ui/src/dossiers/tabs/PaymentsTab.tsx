import {
  Box,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  ArrayField,
  DataTable,
  DateField,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { DossierRecord } from '../dossierRecord';
import { NoRows } from './NoRows';
import { RuleSummary } from './RuleSummary';

/** Payments of the applicant in the round with the fee rules, then the mailings sent. */
export function PaymentsTab() {
  return (
    <>
      <RuleSummary rules={['fee.review', 'fee.certification']} />
      <ArrayField source="payments">
        <DataTable bulkActionButtons={false} rowClick={false} empty={<NoRows />}>
          <DataTable.Col source="transactionId" label="resources.dossiers.fields.transactionId" />
          <DataTable.Col source="item" label="resources.dossiers.fields.item" />
          <DataTable.NumberCol source="amount" label="resources.dossiers.fields.amount" />
          <DataTable.NumberCol source="handlingFee" label="resources.dossiers.fields.handlingFee" />
          <DataTable.Col source="paidAt" label="resources.dossiers.fields.paidAt">
            <DateField source="paidAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="method" label="resources.dossiers.fields.method" />
          <DataTable.Col source="status" label="resources.dossiers.fields.status" />
        </DataTable>
      </ArrayField>
      <Dispatches />
    </>
  );
}

/** The certificate's data and the mailings sent to the applicant; the result letter for office staff. */
function Dispatches() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  if (!dossier) return null;
  const office = permissions === 'admin' || permissions === 'secretariat';
  return (
    <Box sx={{ mt: 2 }} id="dossier-dispatches">
      <Typography variant="subtitle1">{translate('shinsa.dossiers.dispatch_title')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {dossier.certificate
          ? translate('shinsa.dossiers.certificate', dossier.certificate)
          : translate('shinsa.dossiers.no_certificate')}
      </Typography>
      {dossier.dispatches.length > 0 && (
        <Table size="small" sx={{ mb: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.dispatches.fields.kind')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.sentOn')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.trackingNo')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.address')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.returnedOn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {dossier.dispatches.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  {office ? (
                    <Link href={`#/dispatches/${d.id}`}>
                      {translate(`shinsa.dispatch.kinds.${d.kind}`)}
                    </Link>
                  ) : (
                    translate(`shinsa.dispatch.kinds.${d.kind}`)
                  )}
                </TableCell>
                <TableCell>{d.sentOn}</TableCell>
                <TableCell>{d.trackingNo}</TableCell>
                <TableCell>
                  {d.prefecture}
                  {d.address} {d.recipient}
                </TableCell>
                <TableCell>
                  {d.returnedOn ? `${d.returnedOn}(${d.returnReason ?? ''})` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {office && (
        <Link href={`/api/dossiers/${dossier.id}/result-letter.pdf`} target="_blank" rel="noopener">
          {translate('shinsa.dossiers.result_letter')}
        </Link>
      )}
    </Box>
  );
}
