import KeyIcon from '@mui/icons-material/Key';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  BooleanInput,
  Confirm,
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
import { JstDateTimeField } from '../common/JstDateTimeField';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
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
  const reload = useReload();
  const translate = useTranslate();
  const dataProvider = useShinsaDataProvider();
  const [password, setPassword] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const notifyError = (error: Error) => notify(error.message, { type: 'error' });
  const resetPassword = useMutation({
    mutationFn: (id: number) => dataProvider.resetPassword(id),
    onSuccess: (result) => {
      setConfirming(false);
      setPassword(result.temporaryPassword);
    },
    onError: (error: Error) => {
      setConfirming(false);
      notifyError(error);
    },
  });
  const unlockAccount = useMutation({
    mutationFn: (id: number) => dataProvider.unlockUser(id),
    onSuccess: async () => {
      await reload();
      notify('shinsa.users.unlocked', { type: 'success' });
    },
    onError: notifyError,
  });
  if (!account) return null;
  const unlock = () => unlockAccount.mutate(account.id);
  return (
    <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
      <Button variant="outlined" startIcon={<KeyIcon />} onClick={() => setConfirming(true)}>
        {translate('shinsa.users.reset')}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={resetPassword.isPending}
        title="shinsa.users.reset"
        content="shinsa.users.reset_confirm"
        contentTranslateOptions={{ login: account.login }}
        confirm="shinsa.users.reset"
        confirmColor="warning"
        onConfirm={() => resetPassword.mutate(account.id)}
        onClose={() => setConfirming(false)}
      />
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
