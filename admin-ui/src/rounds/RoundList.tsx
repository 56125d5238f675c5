import { DataTable, List, SearchInput, TextField } from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import { JstDateTimeField } from '../common/JstDateTimeField';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export function RoundList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
      empty={false}
      exporter={false}
    >
      <DataTable
        rowClick="edit"
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.rounds" />}
      >
        <DataTable.Col source="id" />
        <DataTable.Col source="label" />
        <DataTable.Col source="registrationDeadline">
          <JstDateTimeField source="registrationDeadline" />
        </DataTable.Col>
        <DataTable.Col source="postmarkDeadline" disableSort>
          <TextField source="postmarkDeadline" />
        </DataTable.Col>
        <DataTable.Col source="renewalDate" disableSort>
          <TextField source="renewalDate" />
        </DataTable.Col>
        <DataTable.Col source="updatedAt">
          <JstDateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
