import NoteAddIcon from '@mui/icons-material/NoteAdd';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { MAIL_KIND_TITLES, MAIL_KINDS, type MailKind } from '@server/outbox/mail-template';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCreate, useListContext, useNotify, useTranslate } from 'react-admin';
import { useReload } from '../common/useReload';

const isReminder = (kind: MailKind) => kind.startsWith('reminder-');
const needsDue = (kind: MailKind) =>
  kind === 'payment-request' || kind === 'deficiency' || kind === 'reminder-certification-fee';

/** Reads a file as base64 for the batch's attachments. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Drafts a batch of one kind for the round's applicants due it (secretariat and admins). */
export function BatchCreateButton() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const [create] = useCreate();
  const roundId = filterValues.roundId as string | undefined;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<MailKind>('payment-request');
  const [dueBy, setDueBy] = useState('');
  const [daysBefore, setDaysBefore] = useState('7');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const draft = useMutation({
    mutationFn: async () => {
      const attachments = await Promise.all(
        files.map(async (f) => ({
          fileName: f.name,
          mediaType: f.type || 'application/octet-stream',
          contentBase64: await base64Of(f),
        })),
      );
      return create(
        'mail-batches',
        {
          data: {
            roundId,
            kind,
            dueBy,
            daysBefore: isReminder(kind) ? daysBefore : null,
            attachments,
          },
        },
        { returnPromise: true },
      );
    },
    onMutate: () => setError(null),
    onSuccess: async (created) => {
      setOpen(false);
      await reload();
      notify('resources.mail-batches.created', { type: 'success', messageArgs: created });
    },
    onError: (e: Error) => setError(e.message),
  });
  return (
    <>
      <Button
        size="small"
        startIcon={<NoteAddIcon />}
        onClick={() => setOpen(true)}
        disabled={!roundId}
        id="mail-batch-create"
      >
        {translate('resources.mail-batches.create')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('resources.mail-batches.create')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('resources.mail-batches.create_help', { roundId })}
          </Typography>
          <TextField
            id="mail-batch-kind"
            select
            fullWidth
            margin="dense"
            label={translate('resources.mail-batches.fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as MailKind)}
          >
            {MAIL_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {MAIL_KIND_TITLES[k]}
              </MenuItem>
            ))}
          </TextField>
          {needsDue(kind) && (
            <TextField
              id="mail-batch-due-by"
              type="date"
              fullWidth
              margin="dense"
              label={translate('resources.mail-batches.fields.dueBy')}
              helperText={translate('resources.mail-batches.due_by_help')}
              value={dueBy}
              onChange={(e) => setDueBy(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          )}
          {isReminder(kind) && (
            <TextField
              id="mail-batch-days-before"
              type="number"
              fullWidth
              margin="dense"
              label={translate('resources.mail-batches.fields.daysBefore')}
              helperText={translate('resources.mail-batches.days_before_help')}
              value={daysBefore}
              onChange={(e) => setDaysBefore(e.target.value)}
              slotProps={{ htmlInput: { min: 0, max: 60 } }}
            />
          )}
          <Button component="label" size="small" sx={{ mt: 1 }}>
            {translate('resources.mail-batches.attach')}
            <input
              hidden
              type="file"
              multiple
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
          </Button>
          {files.map((f) => (
            <Typography key={f.name} variant="body2">
              {f.name}
            </Typography>
          ))}
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            id="mail-batch-submit"
            disabled={draft.isPending || (needsDue(kind) && !dueBy)}
            onClick={() => draft.mutate()}
          >
            {translate('resources.mail-batches.create')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
