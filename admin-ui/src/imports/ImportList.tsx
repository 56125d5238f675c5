import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { ImportStatusField } from './importStatus';
import { EmptyHint } from '../common/EmptyHint';
import { JstDateTimeField } from '../common/JstDateTimeField';

export function ImportList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      choices={['queued', 'running', 'done', 'rejected', 'failed'].map((id) => ({
        id,
        name: translate(`shinsa.imports.status.${id}`),
      }))}
    />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={false}
      exporter={false}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton label="shinsa.console.imports.new" />
        </TopToolbar>
      }
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.imports" />}
      >
        <DataTable.Col source="createdAt">
          <JstDateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="roundId" />
        <DataTable.Col source="sourceName" />
        <DataTable.Col source="status">
          <ImportStatusField />
        </DataTable.Col>
        <DataTable.Col source="requestedBy" disableSort>
          <TextField source="requestedBy" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
