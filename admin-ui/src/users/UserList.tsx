import {
  BooleanField,
  DataTable,
  FunctionField,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { ROLE_CHOICES } from './roles';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={ROLE_CHOICES} alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

interface Account {
  workplaceFacilityNo: string | null;
  workplaceName: string | null;
}

/** Accounts (admins): who may sign in, with which role, and where reviewers work. */
export function UserList() {
  return (
    <List filters={filters} sort={{ field: 'login', order: 'ASC' }} perPage={50} exporter={false}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="login" />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="role">
          <SelectField source="role" choices={ROLE_CHOICES} />
        </DataTable.Col>
        <DataTable.Col source="workplace" disableSort>
          <FunctionField<Account>
            render={(a) =>
              [a.workplaceName, a.workplaceFacilityNo && `(${a.workplaceFacilityNo})`]
                .filter(Boolean)
                .join(' ')
            }
          />
        </DataTable.Col>
        <DataTable.Col source="active" disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="lockedUntil" disableSort>
          <JstDateTimeField source="lockedUntil" />
        </DataTable.Col>
        <DataTable.Col source="lastLoginAt">
          <JstDateTimeField source="lastLoginAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
