import HistoryIcon from '@mui/icons-material/History';
import {
  AutocompleteInput,
  BooleanInput,
  DataTable,
  DateInput,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { CsvExportButton } from '../common/CsvExportButton';
import { EmptyHint } from '../common/EmptyHint';
import { JstDateTimeField } from '../common/JstDateTimeField';
import ja from '../i18n/ja';
import { AuditChanges } from './AuditChanges';
import { auditActionText, auditSubjectText, type AuditRowJson } from './auditRowText';
import { useAuditActionLabel } from './useAuditActionLabel';

/** Every action the console names (i18n shinsa.audit.actions), for the action filter. */
const ACTIONS = Object.keys(
  (ja.shinsa as { audit: { actions: Record<string, string> } }).audit.actions,
);

function useFilters() {
  const actionLabel = useAuditActionLabel();
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <TextInput key="dossier" source="dossier" alwaysOn />,
    <SelectInput
      key="action"
      source="action"
      alwaysOn
      choices={ACTIONS.map((id) => ({ id, name: actionLabel(id) })).sort((a, b) =>
        a.name.localeCompare(b.name, 'ja'),
      )}
    />,
    <ReferenceInput key="actorId" source="actorId" reference="users" alwaysOn>
      <AutocompleteInput
        optionText={(u: { displayName: string; login: string }) => `${u.displayName}(${u.login})`}
        sx={{ minWidth: 220 }}
      />
    </ReferenceInput>,
    <DateInput key="from" source="from" alwaysOn />,
    <DateInput key="to" source="to" alwaysOn />,
    // Off: the changes alone; on: views too, a person's consecutive views of a dossier one row.
    <BooleanInput
      key="reads"
      source="reads"
      alwaysOn
      format={(value: unknown) => value === 'collapsed'}
      parse={(on: boolean) => (on ? 'collapsed' : 'none')}
    />,
  ];
}

/** The global audit log (admins): who did what, when, and what it changed, fitting the page. */
function AuditList() {
  const translate = useTranslate();
  const actionLabel = useAuditActionLabel();
  return (
    <List
      filters={useFilters()}
      filterDefaultValues={{ reads: 'none' }}
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
        sx={{ '& .MuiTable-root': { tableLayout: 'fixed', width: '100%' } }}
      >
        <DataTable.Col source="at" sx={{ width: 170 }}>
          <JstDateTimeField source="at" />
        </DataTable.Col>
        <DataTable.Col source="actor" sx={{ width: 120 }} cellSx={() => WRAP} />
        <DataTable.Col source="action" sx={{ width: 220 }} cellSx={() => WRAP}>
          <FunctionField<AuditRowJson> render={(r) => auditActionText(translate, actionLabel, r)} />
        </DataTable.Col>
        <DataTable.Col source="subject" disableSort sx={{ width: 200 }} cellSx={() => WRAP}>
          <FunctionField<AuditRowJson> render={(r) => auditSubjectText(translate, r)} />
        </DataTable.Col>
        <DataTable.Col source="changes" disableSort cellSx={() => WRAP}>
          <FunctionField<AuditRowJson> render={(r) => <AuditChanges row={r} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

const WRAP = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

export default { list: AuditList, icon: HistoryIcon };
