import KeyIcon from '@mui/icons-material/Key';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  BooleanInput,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { callApi } from '../common/api';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { ROLE_CHOICES } from './roles';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';

interface Account {
  id: number;
  login: string;
  lockedUntil: string | null;
}

function AccountActions() {
  const account = useRecordContext<Account>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [password, setPassword] = useState<string | null>(null);
  if (!account) return null;
  const reset = async () => {
    if (!window.confirm(translate('shinsa.users.reset_confirm', { login: account.login }))) return;
    try {
      const result = await callApi<{ temporaryPassword: string }>(
        `/api/users/${account.id}/password-reset`,
        { method: 'POST' },
      );
      setPassword(result.temporaryPassword);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const unlock = async () => {
    try {
      await callApi(`/api/users/${account.id}/unlock`, { method: 'POST' });
      notify('shinsa.users.unlocked', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
      <Button variant="outlined" startIcon={<KeyIcon />} onClick={reset}>
        {translate('shinsa.users.reset')}
      </Button>
      {account.lockedUntil && (
        <>
          <Typography color="error">
            {translate('shinsa.users.locked')} <JstDateTimeField source="lockedUntil" />
          </Typography>
          <Button variant="outlined" startIcon={<LockOpenIcon />} onClick={unlock}>
            {translate('shinsa.users.unlock')}
          </Button>
        </>
      )}
      <TemporaryPasswordDialog
        login={account.login}
        password={password}
        onClose={() => {
          setPassword(null);
          refresh();
        }}
      />
    </Stack>
  );
}

/** Edits an account; the login stays, the password has its own reset. */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <AccountActions />
        <TextInput source="login" disabled />
        <TextInput source="displayName" validate={required()} />
        <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
        <BooleanInput source="active" />
        <TextInput source="workplaceFacilityNo" />
        <TextInput source="workplaceName" />
      </SimpleForm>
    </Edit>
  );
}
