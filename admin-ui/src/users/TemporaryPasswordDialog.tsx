import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';

/** Shows a one-time password once: the server keeps only its hash. */
export function TemporaryPasswordDialog({
  login,
  password,
  onClose,
}: {
  login: string;
  password: string | null;
  onClose: () => void;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={password !== null} onClose={onClose}>
      <DialogTitle>{translate('shinsa.users.temporary_title')}</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>{translate('shinsa.users.temporary_for', { login })}</Typography>
        <Typography
          id="temporary-password"
          sx={{ fontFamily: 'monospace', fontSize: '1.6rem', letterSpacing: '0.1em', my: 2 }}
        >
          {password}
        </Typography>
        <Alert severity="warning">{translate('shinsa.users.temporary_help')}</Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {translate('shinsa.users.temporary_done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
