import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/useNotifyError';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { useItemLabels } from '../common/useItemLabels';

const percent = (share: number) => Math.round(share * 100);

/**
 * Confirms one envelope's proposals together: shows what will be recorded (the reader at least
 * as sure as the secretariat's threshold, nobody's mark yet), what is left for a person, and
 * lets the secretariat change the threshold first.
 */
export function ConfirmProposalsDialog({
  dossierId,
  receiptNo,
  onClose,
}: {
  dossierId: string;
  receiptNo: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const dataProvider = useShinsaDataProvider();
  const documentLabel = useItemLabels().document;
  const plan = useQuery({
    queryKey: queryKeys.proposalConfirmation(dossierId, receiptNo),
    queryFn: () => dataProvider.getProposalConfirmation(dossierId, receiptNo),
    retry: false,
  });
  useNotifyError(plan.error);
  const [threshold, setThreshold] = useState<string | null>(null);
  const shown = threshold ?? (plan.data ? String(percent(plan.data.threshold)) : '');
  const saveThreshold = useMutation({
    mutationFn: () => dataProvider.updateReadingSettings({ confirmThreshold: Number(shown) / 100 }),
    onSuccess: async (saved) => {
      setThreshold(null);
      await reload(
        queryKeys.proposalConfirmation(dossierId, receiptNo),
        queryKeys.readingSettings(),
      );
      notify('shinsa.documents.confirm.threshold_saved', {
        type: 'success',
        messageArgs: { threshold: percent(saved.confirmThreshold) },
      });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  const confirm = useMutation({
    mutationFn: () => dataProvider.confirmProposals(dossierId, receiptNo),
    onSuccess: async (done) => {
      await reload();
      notify('shinsa.documents.confirm.done', {
        type: 'success',
        messageArgs: { n: done.confirm.length },
      });
      onClose();
    },
    onError: async (e: Error) => {
      notify(e.message, { type: 'error' });
      await reload(queryKeys.proposalConfirmation(dossierId, receiptNo));
    },
  });
  const data = plan.data;
  const changed = threshold !== null && data && Number(threshold) !== percent(data.threshold);
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">
        {translate('shinsa.documents.confirm.title', { receiptNo })}
      </DialogTitle>
      <DialogContent>
        {data && (
          <Stack spacing={2}>
            <Typography variant="body2">
              {translate('shinsa.documents.confirm.intro', { threshold: percent(data.threshold) })}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                size="small"
                type="number"
                label={translate('shinsa.documents.confirm.threshold')}
                helperText={translate('shinsa.documents.confirm.threshold_help')}
                value={shown}
                onChange={(e) => setThreshold(e.target.value)}
                slotProps={{ htmlInput: { min: 50, max: 100, step: 1 } }}
                sx={{ width: 260 }}
              />
              <Button
                onClick={() => saveThreshold.mutate()}
                disabled={!changed || saveThreshold.isPending}
              >
                {translate('shinsa.documents.confirm.save_threshold')}
              </Button>
            </Stack>
            {data.confirm.length === 0 ? (
              <Alert severity="info">{translate('shinsa.documents.confirm.nothing')}</Alert>
            ) : (
              <div>
                <Typography variant="subtitle2">
                  {translate('shinsa.documents.confirm.to_confirm', { n: data.confirm.length })}
                </Typography>
                <List dense id="to-confirm">
                  {data.confirm.map((c) => (
                    <ListItem key={`${c.rule}@${c.ref}`} disableGutters>
                      <ListItemText
                        primary={`${documentLabel(c.rule, c.ref)}: ${translate(`shinsa.documents.status.${c.status}`)}`}
                        secondary={translate('shinsa.documents.proposal.confidence', {
                          confidence: percent(c.confidence),
                        })}
                      />
                    </ListItem>
                  ))}
                </List>
              </div>
            )}
            {data.belowThreshold.length > 0 && (
              <Typography variant="body2" color="text.secondary">
                {translate('shinsa.documents.confirm.below', { n: data.belowThreshold.length })}:{' '}
                {data.belowThreshold.map((c) => documentLabel(c.rule, c.ref)).join('、')}
              </Typography>
            )}
            {data.alreadyMarked.length > 0 && (
              <Typography variant="body2" color="text.secondary">
                {translate('shinsa.documents.confirm.marked', { n: data.alreadyMarked.length })}
              </Typography>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!data || data.confirm.length === 0 || !!changed || confirm.isPending}
          onClick={() => confirm.mutate()}
        >
          {translate('shinsa.documents.confirm.submit', { n: data?.confirm.length ?? 0 })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
