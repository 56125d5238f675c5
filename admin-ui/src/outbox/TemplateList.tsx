import { DataTable, List } from 'react-admin';
import { JstDateTimeField } from '../common/JstDateTimeField';

/** The e-mail templates, one a kind: opened to edit and preview. */
export function TemplateList() {
  return (
    <List pagination={false} exporter={false} perPage={100} sort={{ field: 'kind', order: 'ASC' }}>
      <DataTable bulkActionButtons={false} rowClick="edit">
        <DataTable.Col source="title" disableSort />
        <DataTable.Col source="subject" disableSort />
        <DataTable.Col source="version" disableSort />
        <DataTable.Col source="updatedBy" disableSort />
        <DataTable.Col source="updatedAt" disableSort>
          <JstDateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
