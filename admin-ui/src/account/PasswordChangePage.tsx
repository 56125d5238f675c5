import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { forgetIdentity } from '../providers/authProvider';

interface Problem {
  message?: string;
  errors?: Record<string, string>;
}

/** Change one's own password; the first login of an account made by an admin lands here. */
export function PasswordChangePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== confirm) {
      setProblem({ errors: { confirm: translate('shinsa.account.mismatch') } });
      return;
    }
    const response = await fetch('/api/auth/password', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword, newPassword }),
    });
    if (!response.ok) {
      setProblem((await response.json().catch(() => ({}))) as Problem);
      return;
    }
    forgetIdentity();
    notify('shinsa.account.changed', { type: 'success' });
    redirect('/');
  };

  return (
    <Box sx={{ p: 2, maxWidth: 520 }}>
      <Title title={translate('shinsa.account.title')} />
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('shinsa.account.title')}
          </Typography>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('shinsa.account.help')}
          </Typography>
          {problem?.message && !problem.errors ? (
            <Alert severity="error">{problem.message}</Alert>
          ) : null}
          <Stack component="form" spacing={2} onSubmit={submit}>
            <TextField
              id="currentPassword"
              type="password"
              label={translate('shinsa.account.current')}
              value={currentPassword}
              onChange={(e) => setCurrent(e.target.value)}
              error={!!problem?.errors?.currentPassword}
              helperText={problem?.errors?.currentPassword}
              autoComplete="current-password"
              required
            />
            <TextField
              id="newPassword"
              type="password"
              label={translate('shinsa.account.new')}
              value={newPassword}
              onChange={(e) => setNew(e.target.value)}
              error={!!problem?.errors?.newPassword}
              helperText={problem?.errors?.newPassword ?? translate('shinsa.account.rule')}
              autoComplete="new-password"
              required
            />
            <TextField
              id="confirmPassword"
              type="password"
              label={translate('shinsa.account.confirm')}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={!!problem?.errors?.confirm}
              helperText={problem?.errors?.confirm}
              autoComplete="new-password"
              required
            />
            <Box>
              <Button type="submit" variant="contained">
                {translate('shinsa.account.submit')}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
