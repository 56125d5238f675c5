import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { keysBackOnClose } from '../dossiers/shortcuts';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  help?: string;
  /** The text field's label. */
  label: string;
  submitLabel: string;
  submitColor?: 'primary' | 'error' | 'warning';
  /** Said when the person saves an empty text: what is wrong and what to do. */
  emptyMessage: string;
  /** Usual wordings, added to the text with a click. */
  suggestions?: readonly string[];
  saving?: boolean;
  /** The server's refusal: the dialog stays open with the text as typed. */
  error?: string | null;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

/**
 * Asks a reason or note that must not be empty, in several lines: Ctrl+Enter (⌘+Enter) saves,
 * Esc cancels; focus goes back where it was when it closes, so the page's keys work again.
 */
export function ReasonDialog({ open, onClose, title, ...form }: ReasonDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="reason-title"
      slotProps={keysBackOnClose}
    >
      <DialogTitle id="reason-title">{title}</DialogTitle>
      {/* Mounted while open: each opening starts from an empty text. */}
      <ReasonForm {...form} onClose={onClose} />
    </Dialog>
  );
}

function ReasonForm({
  help,
  label,
  submitLabel,
  submitColor = 'primary',
  emptyMessage,
  suggestions = [],
  saving = false,
  error,
  onSubmit,
  onClose,
}: Omit<ReasonDialogProps, 'open' | 'title'>) {
  const translate = useTranslate();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [refused, setRefused] = useState(false);
  const submit = () => {
    if (!text.trim()) {
      setRefused(true);
      field.current?.focus();
      return;
    }
    onSubmit(text.trim());
  };
  const add = (phrase: string) => {
    setText((t) => (t.trim() ? `${t.trimEnd()}、${phrase}` : phrase));
    setRefused(false);
    field.current?.focus();
  };
  return (
    <>
      <DialogContent>
        {help && <DialogContentText sx={{ mb: 1 }}>{help}</DialogContentText>}
        {suggestions.length > 0 && (
          <Stack
            direction="row"
            useFlexGap
            spacing={0.5}
            sx={{ flexWrap: 'wrap', mb: 1 }}
            id="reason-suggestions"
          >
            {suggestions.map((s) => (
              <Chip key={s} size="small" variant="outlined" label={s} onClick={() => add(s)} />
            ))}
          </Stack>
        )}
        <TextField
          id="reason-text"
          inputRef={field}
          autoFocus
          fullWidth
          multiline
          minRows={3}
          margin="dense"
          label={label}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setRefused(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
          error={refused}
          helperText={refused ? emptyMessage : translate('shinsa.dialogs.keys')}
        />
        {error && (
          <Alert severity="error" id="reason-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          color={submitColor}
          onClick={submit}
          disabled={saving}
          id="reason-submit"
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </>
  );
}
