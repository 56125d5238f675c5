import {
  Box,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { DocumentChecklist } from '../DocumentChecklist';
import type { DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';

/** Envelopes received, their scanned pages at readable size, and the document checklist beside. */
export function MailTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  const mailChecks = dossier.checks.filter((c) => c.rule.startsWith('mail.'));
  const pages = dossier.mail.flatMap((m) => m.scans.map((s) => ({ ...s, receiptNo: m.receiptNo })));
  return (
    <Stack spacing={2}>
      {dossier.mail.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('shinsa.dossiers.no_mail')}
        </Typography>
      ) : (
        <Table size="small" id="mail">
          <TableHead>
            <TableRow>
              {['receiptNo', 'arrivedOn', 'postmarkedOn', 'mailKind', 'trackingNo', 'note'].map(
                (f) => (
                  <TableCell key={f}>{translate(`resources.dossiers.fields.${f}`)}</TableCell>
                ),
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {dossier.mail.map((m) => (
              <TableRow key={m.receiptNo}>
                <TableCell>{m.receiptNo}</TableCell>
                <TableCell>{m.arrivedOn}</TableCell>
                <TableCell>{m.postmarkedOn ?? '—'}</TableCell>
                <TableCell>{m.mailKind}</TableCell>
                <TableCell>{m.trackingNo}</TableCell>
                <TableCell>{m.note}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ItemChecks checks={mailChecks} passed />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <Box id="scans" sx={{ flex: '0 0 620px', maxHeight: '80vh', overflowY: 'auto' }}>
          {pages.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('shinsa.dossiers.no_scans')}
            </Typography>
          ) : (
            pages.map((p) => {
              // The original opens in a new tab; the page shows its normalised image if any.
              const src = `/api/dossiers/${dossier.id}/scans/${p.sha256}`;
              const shown = `/api/dossiers/${dossier.id}/scans/${p.normalisedSha256 ?? p.sha256}`;
              return (
                <Box key={`${p.receiptNo}-${p.fileName}`} sx={{ mb: 2 }}>
                  <Typography variant="caption" color="text.secondary">
                    {p.receiptNo} · {p.fileName}
                  </Typography>
                  {p.mediaType === 'application/pdf' ? (
                    <Box>
                      <Link href={src} target="_blank" rel="noopener">
                        {translate('shinsa.documents.open_pdf')}
                      </Link>
                    </Box>
                  ) : (
                    <Link href={src} target="_blank" rel="noopener">
                      <Box
                        component="img"
                        src={shown}
                        alt={p.fileName}
                        sx={{ width: 600, border: 1, borderColor: 'divider', display: 'block' }}
                      />
                    </Link>
                  )}
                </Box>
              );
            })
          )}
        </Box>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle2">{translate('shinsa.dossiers.documents')}</Typography>
          <DocumentChecklist />
        </Box>
      </Box>
    </Stack>
  );
}
