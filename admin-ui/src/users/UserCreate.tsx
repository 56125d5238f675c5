import { useState } from 'react';
import {
  Create,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import { ROLE_CHOICES } from './roles';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';

/** A new account: the server makes a one-time password, shown here once. */
export function UserCreate() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const [created, setCreated] = useState<{ login: string; temporaryPassword: string } | null>(null);
  return (
    <>
      <Create
        mutationOptions={{
          onSuccess: (data) =>
            setCreated(data as unknown as { login: string; temporaryPassword: string }),
        }}
      >
        <SimpleForm>
          <TextInput source="login" validate={required()} helperText="shinsa.users.login_help" />
          <TextInput source="displayName" validate={required()} />
          <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
          <Typography variant="body2" color="text.secondary">
            {translate('shinsa.users.workplace_help')}
          </Typography>
          <TextInput source="workplaceFacilityNo" />
          <TextInput source="workplaceName" />
        </SimpleForm>
      </Create>
      <TemporaryPasswordDialog
        login={created?.login ?? ''}
        password={created?.temporaryPassword ?? null}
        onClose={() => {
          setCreated(null);
          redirect('list', 'users');
        }}
      />
    </>
  );
}
