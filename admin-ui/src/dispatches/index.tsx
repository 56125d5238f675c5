import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import {
  BooleanInput,
  DataTable,
  DateInput,
  Edit,
  FunctionField,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';

const KINDS = ['results', 'certificates'];

function KindField() {
  const translate = useTranslate();
  return (
    <FunctionField<{ kind: string }> render={(d) => translate(`shinsa.dispatch.kinds.${d.kind}`)} />
  );
}

/** Every mailing recorded: where it went, its tracking no., and whether it came back. */
function DispatchList() {
  const translate = useTranslate();
  const filters = [
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <TextInput key="certNo" source="certNo" alwaysOn />,
    <SelectInput
      key="kind"
      source="kind"
      choices={KINDS.map((id) => ({ id, name: translate(`shinsa.dispatch.kinds.${id}`) }))}
      alwaysOn
    />,
    <BooleanInput key="returned" source="returned" alwaysOn />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'sentOn', order: 'DESC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable
        bulkActionButtons={false}
        rowClick="edit"
        empty={<EmptyHint first="shinsa.console.empty.dispatches" />}
      >
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="kind" disableSort>
          <KindField />
        </DataTable.Col>
        <DataTable.Col source="sentOn" />
        <DataTable.Col source="trackingNo" disableSort />
        <DataTable.Col source="prefecture" disableSort />
        <DataTable.Col source="address" disableSort />
        <DataTable.Col source="recipient" disableSort />
        <DataTable.Col source="returnedOn" />
        <DataTable.Col source="returnReason" disableSort />
      </DataTable>
    </List>
  );
}

/** The tracking no., or the mail's return (day and reason; empty the day to take it back). */
function DispatchEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TextField source="certNo" />
        <TextField source="name" />
        <KindField />
        <TextField source="sentOn" />
        <TextField source="address" />
        <TextInput source="trackingNo" />
        <DateInput source="returnedOn" helperText="resources.dispatches.helpers.returnedOn" />
        <TextInput source="returnReason" helperText="resources.dispatches.helpers.returnReason" />
      </SimpleForm>
    </Edit>
  );
}

export default {
  list: DispatchList,
  edit: DispatchEdit,
  icon: MarkunreadMailboxIcon,
  // The title says whose mail it was, not the row's number.
  recordRepresentation: (d: { certNo: string; name: string | null }) =>
    `${d.certNo} ${d.name ?? ''}`.trim(),
};
