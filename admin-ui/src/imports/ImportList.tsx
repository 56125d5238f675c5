import { DataTable, List, SelectInput, TextField, useTranslate } from 'react-admin';
import { ImportStatusField } from './importStatus';
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
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
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
