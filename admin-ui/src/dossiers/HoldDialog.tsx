import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import type { HoldResult } from '@server/decisions/decision.views';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useListContext, useNotify, useTranslate, useUnselectAll } from 'react-admin';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { ReasonCodes, useDecisionReasons } from './ReasonCodes';

/** Bulk 保留 of the selected dossiers, with reason codes and text. */
export function HoldBulkButton() {
  const { selectedIds } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const unselectAll = useUnselectAll('dossiers');
  const dataProvider = useShinsaDataProvider();
  const [open, setOpen] = useState(false);
  const [codes, setCodes] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<HoldResult | null>(null);
  const reasons = useDecisionReasons(open);

  const hold = useMutation({
    mutationFn: () =>
      dataProvider.holdDecisions({ dossierIds: selectedIds, reasonCodes: codes, reason }),
    onMutate: () => setError(null),
    onSuccess: async (done) => {
      setResult(done);
      await reload();
      notify('shinsa.hold.done', {
        type: done.skipped.length ? 'warning' : 'success',
        messageArgs: { held: done.held, unchanged: done.unchanged, skipped: done.skipped.length },
      });
      if (done.skipped.length === 0) close();
    },
    onError: (e) => setError(e.message),
  });
  const submit = () => {
    // The server refuses it too; said here at once, where the reason is chosen.
    if (codes.length === 0 && !reason.trim()) setError(translate('shinsa.dialogs.hold_empty'));
    else hold.mutate();
  };
  const shownError = error ?? (open ? reasons.error?.message : undefined);
  const close = () => {
    setOpen(false);
    setResult(null);
    setCodes([]);
    setReason('');
    setError(null);
    unselectAll();
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<PauseCircleIcon />}
        onClick={() => setOpen(true)}
        id="hold-open"
      >
        {translate('shinsa.hold.button')}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        maxWidth="sm"
        fullWidth
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !result) {
            e.preventDefault();
            submit();
          }
        }}
      >
        <DialogTitle>{translate('shinsa.hold.title', { n: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('shinsa.hold.help')}
          </Typography>
          <ReasonCodes
            reasons={reasons.data ?? []}
            decision="保留"
            codes={codes}
            onChange={(c) => {
              setCodes(c);
              setError(null);
            }}
          />
          <TextField
            id="hold-reason"
            autoFocus
            fullWidth
            multiline
            margin="dense"
            label={translate('shinsa.decision.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText={translate('shinsa.dialogs.keys')}
          />
          {shownError && <Alert severity="error">{shownError}</Alert>}
          {result && result.skipped.length > 0 && (
            <Alert severity="warning" id="hold-skipped">
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {result.skipped.map((s) => (
                  <li key={s.id}>
                    {s.certNo ?? s.id}: {s.reason}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>
            {translate(result ? 'ra.action.close' : 'ra.action.cancel')}
          </Button>
          {!result && (
            <Button variant="contained" onClick={submit} id="hold-submit">
              {translate('shinsa.hold.submit')}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
