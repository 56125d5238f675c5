import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import type { BatchRow } from '@server/outbox/outbox.views';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';

/** An admin approves a batch's drafts, after reading what will happen and when. */
export function ApproveButton() {
  const batch = useRecordContext<Json<BatchRow>>();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const { permissions } = usePermissions<string>();
  const dataProvider = useShinsaDataProvider();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const approve = useMutation({
    mutationFn: () => dataProvider.approveMailBatch(batch!.id),
    onMutate: () => setError(null),
    onSuccess: async (result) => {
      setOpen(false);
      await reload();
      notify('resources.mail-batches.approved', { type: 'success', messageArgs: result });
    },
    onError: (e: Error) => setError(e.message),
  });
  if (!batch) return null;
  const drafts = batch.counts.draft ?? 0;
  if (permissions !== 'admin') {
    return drafts > 0 ? (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.mail-batches.admin_only')}
      </Typography>
    ) : null;
  }
  const when =
    batch.sendAfter && new Date(batch.sendAfter) > new Date()
      ? translate('resources.mail-batches.approve_at', {
          at: new Date(batch.sendAfter).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }),
        })
      : translate('resources.mail-batches.approve_now');
  return (
    <>
      <Button
        id="mail-batch-approve"
        variant="contained"
        startIcon={<SendIcon />}
        disabled={drafts === 0}
        onClick={() => setOpen(true)}
      >
        {translate('resources.mail-batches.approve')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('resources.mail-batches.approve_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            {translate('resources.mail-batches.approve_help', { drafts, when })}
          </Typography>
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            id="mail-batch-approve-confirm"
            variant="contained"
            disabled={approve.isPending}
            onClick={() => approve.mutate()}
          >
            {translate('resources.mail-batches.approve')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
