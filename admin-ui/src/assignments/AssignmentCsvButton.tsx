import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
  ListItemText,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { ApiError, callApi } from '../common/api';
import { AssignResultView, type AssignResult } from '../dossiers/AssignDialog';

/**
 * Uploads an assignment sheet (認定番号, 審査委員, optionally 上書き理由). A sheet with a wrong
 * line assigns nothing: every line at fault is listed to fix.
 */
export function AssignmentCsvButton() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [rounds, setRounds] = useState<{ id: string; label: string }[]>([]);
  const [roundId, setRoundId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<AssignResult | null>(null);
  const [error, setError] = useState<{ message: string; problems: { message: string }[] } | null>(
    null,
  );

  useEffect(() => {
    if (!open) return;
    callApi<{ id: string; label: string }[]>('/api/rounds?sort=["id","DESC"]')
      .then((list) => {
        setRounds(list);
        setRoundId((current) => current || list[0]?.id || '');
      })
      .catch(() => setRounds([]));
  }, [open]);

  const upload = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    const form = new FormData();
    form.append('roundId', roundId);
    form.append('file', file, file.name);
    try {
      setResult(await callApi<AssignResult>('/api/assignments/csv', { form }));
      refresh();
    } catch (e) {
      const problems =
        e instanceof ApiError ? ((e.body.problems as { message: string }[]) ?? []) : [];
      setError({ message: (e as Error).message, problems });
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<UploadFileIcon />}
        onClick={() => setOpen(true)}
        id="assign-csv-open"
      >
        {translate('shinsa.assign.csv_open')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="md">
        <DialogTitle>{translate('shinsa.assign.csv_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" gutterBottom>
            {translate('shinsa.assign.csv_help')}
          </Typography>
          <TextField
            select
            margin="normal"
            label={translate('resources.assignments.fields.roundId')}
            value={roundId}
            onChange={(e) => setRoundId(e.target.value)}
            sx={{ minWidth: 200 }}
          >
            {rounds.map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.label}
              </MenuItem>
            ))}
          </TextField>
          <input
            type="file"
            accept=".csv,text/csv"
            id="assign-csv-file"
            style={{ display: 'block', margin: '16px 0' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
          {error && (
            <Alert severity="error" id="assign-csv-error">
              {error.message}
              <MuiList dense>
                {error.problems.map((p, i) => (
                  <ListItem key={i}>
                    <ListItemText primary={p.message} />
                  </ListItem>
                ))}
              </MuiList>
            </Alert>
          )}
          {result && <AssignResultView result={result} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('shinsa.assign.close')}</Button>
          <Button
            variant="contained"
            disabled={!file || !roundId}
            onClick={upload}
            id="assign-csv-submit"
          >
            {translate('shinsa.assign.csv_submit')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
