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
import { useEffect, useState } from 'react';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { callApi } from '../common/api';
import { ReasonCodes, type DecisionReason } from './ReasonCodes';

interface HoldResult {
  held: number;
  unchanged: number;
  skipped: { id: string; certNo: string | null; reason: string }[];
}

/** Bulk 保留 of the selected dossiers, with reason codes and text. */
export function HoldBulkButton() {
  const { selectedIds } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('dossiers');
  const [open, setOpen] = useState(false);
  const [reasons, setReasons] = useState<DecisionReason[]>([]);
  const [codes, setCodes] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<HoldResult | null>(null);

  useEffect(() => {
    if (open)
      callApi<DecisionReason[]>('/api/decision-reasons')
        .then(setReasons)
        .catch((e: Error) => setError(e.message));
  }, [open]);

  const submit = async () => {
    setError(null);
    try {
      const done = await callApi<HoldResult>('/api/decisions/hold', {
        json: { dossierIds: selectedIds, reasonCodes: codes, reason },
      });
      setResult(done);
      notify('shinsa.hold.done', {
        type: done.skipped.length ? 'warning' : 'success',
        messageArgs: { held: done.held, unchanged: done.unchanged, skipped: done.skipped.length },
      });
      refresh();
      if (done.skipped.length === 0) close();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const close = () => {
    setOpen(false);
    setResult(null);
    setCodes([]);
    setReason('');
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
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('shinsa.hold.title', { n: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('shinsa.hold.help')}
          </Typography>
          <ReasonCodes reasons={reasons} decision="保留" codes={codes} onChange={setCodes} />
          <TextField
            id="hold-reason"
            fullWidth
            multiline
            margin="dense"
            label={translate('shinsa.decision.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && <Alert severity="error">{error}</Alert>}
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
