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
import type { AssignResult } from '@server/assignments/assignment.views';
import type { FieldProblem } from '@server/common/field-problem';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useGetList, useRefresh, useTranslate } from 'react-admin';
import { AssignResultView } from '../dossiers/AssignDialog';
import { useShinsaDataProvider } from '../providers/dataProvider';

/**
 * Uploads an assignment sheet (認定番号, 審査委員, optionally 上書き理由). A sheet with a wrong
 * line assigns nothing: every line at fault is listed to fix.
 */
export function AssignmentCsvButton() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const dataProvider = useShinsaDataProvider();
  const [open, setOpen] = useState(false);
  const [chosenRound, setRoundId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<AssignResult | null>(null);
  const [error, setError] = useState<{ message: string; problems: FieldProblem[] } | null>(null);
  // The rounds as the round selects list them, the newest first and chosen by default.
  const { data: rounds = [] } = useGetList<{ id: string; label: string }>(
    'rounds',
    { sort: { field: 'id', order: 'DESC' }, pagination: { page: 1, perPage: 50 } },
    { enabled: open, retry: false },
  );
  const roundId = chosenRound || rounds[0]?.id || '';

  const assign = useMutation({
    mutationFn: (sheet: File) => dataProvider.assignFromCsv(roundId, sheet),
    onMutate: () => {
      setError(null);
      setResult(null);
    },
    onSuccess: (done) => {
      setResult(done);
      refresh();
    },
    onError: (e) => {
      const problems = e instanceof HttpError ? (e.body?.problems ?? []) : [];
      setError({ message: e.message, problems });
    },
  });
  const upload = () => {
    if (file) assign.mutate(file);
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
