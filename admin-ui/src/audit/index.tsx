import HistoryIcon from '@mui/icons-material/History';
import { DataTable, FunctionField, List, SearchInput, TextInput, TopToolbar } from 'react-admin';
import { CsvExportButton } from '../common/CsvExportButton';
import { EmptyHint } from '../common/EmptyHint';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { useAuditActionLabel } from './useAuditActionLabel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="actor" source="actor" />,
  <TextInput key="action" source="action" />,
  <TextInput key="certNo" source="certNo" />,
];

const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value);

/** The global audit log (admins): who changed what, when, before and after. */
function AuditList() {
  const actionLabel = useAuditActionLabel();
  return (
    <List
      filters={filters}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <CsvExportButton path="/api/audit-events/export.csv" label="shinsa.audit.export" />
        </TopToolbar>
      }
      exporter={false}
      empty={false}
    >
      <DataTable
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyHint first="shinsa.console.empty.audit" />}
      >
        <DataTable.Col source="at">
          <JstDateTimeField source="at" />
        </DataTable.Col>
        <DataTable.Col source="actor" />
        <DataTable.Col source="action">
          <FunctionField<{ action: string }> render={(r) => actionLabel(r.action)} />
        </DataTable.Col>
        <DataTable.Col source="entityId" disableSort />
        <DataTable.Col source="certNo" disableSort />
        <DataTable.Col source="before" disableSort>
          <FunctionField<{ before: unknown }> render={(r) => json(r.before).slice(0, 120)} />
        </DataTable.Col>
        <DataTable.Col source="after" disableSort>
          <FunctionField<{ after: unknown }> render={(r) => json(r.after).slice(0, 120)} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export default { list: AuditList, icon: HistoryIcon };
