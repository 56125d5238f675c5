import {
  Button,
  ButtonGroup,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import type { ChecklistItem, DocumentStatus } from '@server/documents/document.views';
import type { Box as WordBox } from '@server/scans/reading/ocr';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useNotifyError } from '../common/useNotifyError';
import { useItemLabels } from '../common/useItemLabels';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { DocumentNoteDialog, type NoteRequest } from './DocumentNoteDialog';
import { ItemChecks } from './ItemChecks';

type Item = Json<ChecklistItem>;

const STATUS_COLOR = { found: 'success', missing: 'error', insufficient: 'warning' } as const;

/**
 * The dossier's paper documents, each marked by the secretariat found / missing / insufficient
 * (a deficiency with what is wrong: it goes into the notice to the applicant). Marks name the
 * one they replace; after someone else's change the latest is shown.
 */
export function DocumentChecklist({
  onShowPage,
}: {
  /** Shows a proposal's page with the words that support it outlined. */
  onShowPage?: (page: string, boxes: WordBox[]) => void;
}) {
  const dossier = useRecordContext<{ id: string; revision: number }>();
  const translate = useTranslate();
  const documentLabel = useItemLabels().document;
  const notify = useNotify();
  const reload = useReload();
  const { permissions } = usePermissions<string>();
  const office = permissions === 'admin' || permissions === 'secretariat';
  const dataProvider = useShinsaDataProvider();
  const dossierId = dossier?.id ?? '';
  const { data: items = [], error } = useQuery({
    queryKey: queryKeys.documentChecklist(dossierId),
    queryFn: () => dataProvider.getDocumentChecklist(dossierId),
    enabled: !!dossier,
    retry: false,
  });
  useNotifyError(error);
  // After a mark, or a refusal (someone else's mark meanwhile), the latest checklist and the
  // dossier's checks are shown (the checklist is one of the queries a refresh fetches again).
  const notifyError = (e: Error) => {
    notify(e.message, { type: 'error' });
    return reload();
  };
  const [noting, setNoting] = useState<(NoteRequest & { item: Item }) | null>(null);
  const saveMark = useMutation({
    mutationFn: ({
      item,
      status,
      note,
    }: {
      item: Item;
      status: DocumentStatus;
      note: string | null;
    }) =>
      dataProvider.markDocument(dossierId, {
        rule: item.rule,
        ref: item.ref,
        status,
        note,
        expected: item.mark?.checkedAt ?? null,
      }),
    onSuccess: async () => {
      setNoting(null);
      await reload();
      notify('shinsa.documents.saved', { type: 'success' });
    },
    // A note's refusal is shown in its dialog, the note kept.
    onError: (e, { note }) => (note === null ? notifyError(e) : reload()),
  });
  const removeMark = useMutation({
    mutationFn: (item: Item) =>
      dataProvider.unmarkDocument(dossierId, {
        rule: item.rule,
        ref: item.ref,
        expected: item.mark?.checkedAt ?? null,
      }),
    onSuccess: () => reload(),
    onError: notifyError,
  });
  if (!dossier) return null;

  const mark = (item: Item, status: DocumentStatus) => {
    saveMark.reset();
    if (status === 'found') saveMark.mutate({ item, status, note: null });
    else setNoting({ item, rule: item.rule, label: documentLabel(item.rule, item.ref), status });
  };
  const clear = (item: Item) => removeMark.mutate(item);

  return (
    <>
      <DocumentNoteDialog
        request={noting}
        saving={saveMark.isPending}
        error={noting ? (saveMark.error?.message ?? null) : null}
        onSubmit={(note) =>
          noting && saveMark.mutate({ item: noting.item, status: noting.status, note })
        }
        onClose={() => setNoting(null)}
      />
      <Table size="small" id="documents">
        <TableBody>
          {items.map((item) => (
            <TableRow key={`${item.rule}-${item.ref}`} data-item={`${item.rule}@${item.ref ?? ''}`}>
              <TableCell sx={{ width: 140, verticalAlign: 'top' }}>
                <Typography variant="body2" sx={{ fontWeight: 500, mb: 0.5 }}>
                  {documentLabel(item.rule, item.ref)}
                </Typography>
                <ItemChecks checks={[item]} passed outcomeOnly />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <Typography variant="body2">{item.message}</Typography>
                {item.rule === 'doc.attendance' && !item.mark && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {translate('shinsa.documents.proof_kinds')}
                  </Typography>
                )}
                {item.proposal && (
                  <Stack
                    direction="row"
                    spacing={1}
                    className="proposal"
                    data-finding={item.proposal.finding}
                    sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}
                  >
                    <Tooltip title={translate('shinsa.documents.proposal.hint')}>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={item.proposal.finding === 'found' ? 'info' : 'warning'}
                        label={`${translate(`shinsa.documents.proposal.finding.${item.proposal.finding}`)} · ${translate(
                          'shinsa.documents.proposal.confidence',
                          { confidence: Math.round(item.proposal.confidence * 100) },
                        )}`}
                      />
                    </Tooltip>
                    {item.proposal.page ? (
                      <Button
                        size="small"
                        onClick={() => onShowPage?.(item.proposal!.page!, item.proposal!.boxes)}
                      >
                        {translate('shinsa.documents.proposal.show_page')}
                      </Button>
                    ) : (
                      <Typography variant="caption" color="text.secondary">
                        {translate('shinsa.documents.proposal.no_page')}
                      </Typography>
                    )}
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      component="div"
                      className="evidence-text"
                      sx={{ width: '100%' }}
                    >
                      {item.proposal.evidence}
                    </Typography>
                  </Stack>
                )}
                {item.mark && (
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }}>
                    <Chip
                      size="small"
                      color={STATUS_COLOR[item.mark.status]}
                      label={translate(`shinsa.documents.status.${item.mark.status}`)}
                    />
                    <Typography variant="caption" color="text.secondary">
                      {item.mark.checkedBy}
                      {item.mark.revision < dossier.revision &&
                        ` · ${translate('shinsa.older_revision', { revision: item.mark.revision, current: dossier.revision })}`}
                    </Typography>
                  </Stack>
                )}
                {office && (
                  // Beneath the text, each button on one line: never squeezed to a letter a line.
                  <Stack
                    direction="row"
                    spacing={1}
                    useFlexGap
                    sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1 }}
                    className="mark-buttons"
                  >
                    <ButtonGroup size="small" variant="outlined" sx={{ flexShrink: 0 }}>
                      {(['found', 'missing', 'insufficient'] as const).map((status) => (
                        <Tooltip
                          key={status}
                          describeChild
                          title={translate(`shinsa.documents.help.${status}`)}
                        >
                          <Button
                            color={STATUS_COLOR[status]}
                            variant={item.mark?.status === status ? 'contained' : 'outlined'}
                            onClick={() => mark(item, status)}
                            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
                          >
                            {translate(`shinsa.documents.status.${status}`)}
                          </Button>
                        </Tooltip>
                      ))}
                    </ButtonGroup>
                    {item.mark && (
                      <Button
                        size="small"
                        onClick={() => clear(item)}
                        sx={{ whiteSpace: 'nowrap' }}
                      >
                        {translate('shinsa.documents.clear')}
                      </Button>
                    )}
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
