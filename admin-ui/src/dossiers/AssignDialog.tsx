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
import type { AssignResult, ReviewerRow } from '@server/assignments/assignment.views';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useGetList, usePermissions, useTranslate } from 'react-admin';
import { useShinsaDataProvider } from '../providers/dataProvider';

/** What came of an assignment, with each conflict of interest and why. */
export function AssignResultView({ result }: { result: AssignResult }) {
  const translate = useTranslate();
  const conflicts = result.items.filter((i) => i.outcome === 'conflict');
  return (
    <>
      <Alert severity={conflicts.length > 0 ? 'warning' : 'success'} id="assign-result">
        {translate('shinsa.assign.result', {
          assigned: result.assigned + result.overridden,
          already: result.alreadyAssigned,
          conflicts: result.conflicts,
          notFound: result.notFound,
        })}
      </Alert>
      {conflicts.length > 0 && (
        <MuiList dense>
          {conflicts.map((item) => (
            <ListItem key={`${item.certNo}-${item.reviewerLogin}`}>
              <ListItemText
                primary={`${item.line ? translate('shinsa.assign.line', { line: item.line }) : ''}${item.certNo} → ${item.reviewerLogin}`}
                secondary={item.conflicts.map((c) => c.message).join(' / ')}
              />
            </ListItem>
          ))}
        </MuiList>
      )}
    </>
  );
}

/**
 * Assigns the chosen dossiers to one reviewer. Conflicts of interest are kept back and listed;
 * an admin may then assign those with a reason.
 */
export function AssignDialog({
  open,
  roundId,
  certNos,
  onClose,
}: {
  open: boolean;
  roundId: string;
  certNos: string[];
  onClose: (changed: boolean) => void;
}) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const dataProvider = useShinsaDataProvider();
  const [reviewerId, setReviewerId] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<AssignResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const reviewers = useGetList<ReviewerRow>(
    'reviewers',
    {
      filter: { roundId },
      pagination: { page: 1, perPage: 1000 },
      sort: { field: 'displayName', order: 'ASC' },
    },
    { enabled: open, retry: false },
  );

  const conflicted =
    result?.items.filter((i) => i.outcome === 'conflict').map((i) => i.certNo) ?? [];
  const assign = useMutation({
    mutationFn: (override: boolean) =>
      dataProvider.assign({
        roundId,
        reviewerId: Number(reviewerId),
        certNos: override ? conflicted : certNos,
        overrideReason: override ? reason : undefined,
      }),
    onMutate: () => setError(null),
    onSuccess: (next) => {
      setResult(next);
      setChanged(true);
    },
    onError: (e) => setError(e.message),
  });
  const submit = (override: boolean) => assign.mutate(override);
  // Once closed, the next opening starts afresh (the reviewer chosen stays).
  const reset = () => {
    setResult(null);
    setError(null);
    setReason('');
    setChanged(false);
  };
  const shownError = error ?? (open ? reviewers.error?.message : undefined);

  return (
    <Dialog
      open={open}
      onClose={() => onClose(changed)}
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onExited: reset } }}
    >
      <DialogTitle>{translate('shinsa.assign.title', { n: certNos.length })}</DialogTitle>
      <DialogContent>
        <TextField
          select
          fullWidth
          margin="normal"
          id="assign-reviewer"
          label={translate('shinsa.assign.reviewer')}
          value={reviewerId}
          onChange={(e) => {
            setReviewerId(Number(e.target.value));
            setResult(null);
          }}
        >
          {(reviewers.data ?? []).map((r) => (
            <MenuItem key={r.id} value={r.id}>
              {`${r.displayName}(${r.login})`} —{' '}
              {[r.workplaceName, r.workplaceFacilityNo].filter(Boolean).join(' ') ||
                translate('shinsa.assign.no_workplace')}{' '}
              · {translate('shinsa.assign.count', { n: r.assigned })}
            </MenuItem>
          ))}
        </TextField>
        {shownError && (
          <Alert severity="error" sx={{ mb: 1 }}>
            {shownError}
          </Alert>
        )}
        {result && <AssignResultView result={result} />}
        {result && conflicted.length > 0 && permissions === 'admin' && (
          <>
            <Typography variant="body2" sx={{ mt: 2 }}>
              {translate('shinsa.assign.override_help')}
            </Typography>
            <TextField
              fullWidth
              multiline
              id="assign-override-reason"
              margin="normal"
              label={translate('shinsa.assign.override_reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </>
        )}
        {result && conflicted.length > 0 && permissions !== 'admin' && (
          <Typography variant="body2" sx={{ mt: 2 }}>
            {translate('shinsa.assign.ask_admin')}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(changed)}>{translate('shinsa.assign.close')}</Button>
        {result && conflicted.length > 0 && permissions === 'admin' ? (
          <Button
            variant="contained"
            color="warning"
            disabled={!reason.trim()}
            onClick={() => submit(true)}
          >
            {translate('shinsa.assign.override')}
          </Button>
        ) : (
          <Button
            variant="contained"
            id="assign-submit"
            disabled={reviewerId === '' || result !== null}
            onClick={() => submit(false)}
          >
            {translate('shinsa.assign.submit')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
