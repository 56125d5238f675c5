import {
  Alert,
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { Box as WordBox } from '@server/scans/reading/ocr';
import { useState } from 'react';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ConfirmProposalsDialog } from '../ConfirmProposalsDialog';
import { DocumentChecklist } from '../DocumentChecklist';
import type { DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';
import { ScanViewer, type ViewedPage } from '../ScanViewer';

/**
 * Envelopes received, their scanned pages beside the document checklist: each document's
 * proposal opens its page with the words that support it outlined, and an envelope's
 * proposals the reader is sure of can be confirmed together.
 */
export function MailTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const office = permissions === 'admin' || permissions === 'secretariat';
  const [shown, setShown] = useState<{ page: string | null; boxes: WordBox[] }>({
    page: null,
    boxes: [],
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!dossier) return null;
  const mailChecks = dossier.checks.filter((c) => c.rule.startsWith('mail.'));
  const pages: ViewedPage[] = dossier.mail.flatMap((m) =>
    m.pages.map((p) => ({ ...p, receiptNo: m.receiptNo })),
  );
  const waiting = dossier.mail.filter((m) => m.scans.length > 0 && m.readAt === null);
  const unreadFiles = pages.filter((p) => p.kind === 'unread').length;
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
              {office && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {dossier.mail.map((m) => (
              <TableRow key={m.receiptNo} data-envelope={m.receiptNo}>
                <TableCell>{m.receiptNo}</TableCell>
                <TableCell>{m.arrivedOn}</TableCell>
                <TableCell>{m.postmarkedOn ?? '—'}</TableCell>
                <TableCell>{m.mailKind}</TableCell>
                <TableCell>{m.trackingNo}</TableCell>
                <TableCell>{m.note}</TableCell>
                {office && (
                  <TableCell>
                    {m.pages.length > 0 && (
                      <Button size="small" onClick={() => setConfirming(m.receiptNo)}>
                        {translate('shinsa.documents.confirm.button')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ItemChecks checks={mailChecks} passed />
      {waiting.length > 0 && (
        <Alert severity="info">{translate('shinsa.documents.pages.reading')}</Alert>
      )}
      {unreadFiles > 0 && (
        <Alert severity="warning">
          {translate('shinsa.documents.pages.unread_files', { n: unreadFiles })}
        </Alert>
      )}
      {/* Side by side from 1200 px (1440 × 900 with the menu open); the page stays in sight
          while the checklist scrolls. */}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
          gap: 2,
          alignItems: 'start',
        }}
      >
        <Box sx={{ minWidth: 0, position: { lg: 'sticky' }, top: { lg: 56 } }} id="mail-pages">
          <ScanViewer
            dossierId={String(dossier.id)}
            pages={pages}
            selected={shown.page}
            highlight={shown.boxes}
            onSelect={(page) => setShown({ page, boxes: [] })}
          />
        </Box>
        <Box sx={{ minWidth: 0 }} id="mail-checklist">
          <Typography variant="subtitle2">{translate('shinsa.dossiers.documents')}</Typography>
          <DocumentChecklist onShowPage={(page, boxes) => setShown({ page, boxes })} />
        </Box>
      </Box>
      {confirming && (
        <ConfirmProposalsDialog
          dossierId={String(dossier.id)}
          receiptNo={confirming}
          onClose={() => setConfirming(null)}
        />
      )}
    </Stack>
  );
}
