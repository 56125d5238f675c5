import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { AssignmentRow } from '@server/assignments/assignment.views';
import {
  BulkDeleteButton,
  DataTable,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import type { Json } from '../common/json';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { AssignmentCsvButton } from './AssignmentCsvButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <RoundFilter key="roundId" source="roundId" alwaysOn />,
  <ReferenceInput key="reviewerId" source="reviewerId" reference="reviewers">
    <SelectInput
      optionText={(r: { displayName: string; login: string }) => `${r.displayName}(${r.login})`}
    />
  </ReferenceInput>,
  <NullableBooleanInput key="overridden" source="overridden" />,
];

type Assignment = Json<AssignmentRow>;

/** Who reviews which dossier (secretariat): filter, take back, or assign from a sheet. */
function AssignmentList() {
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'assignedAt', order: 'DESC' }}
      perPage={50}
      exporter={false}
      actions={
        <TopToolbar>
          <AssignmentCsvButton />
        </TopToolbar>
      }
    >
      <DataTable
        rowClick={false}
        empty={<EmptyHint first="shinsa.console.empty.assignments" />}
        bulkActionButtons={
          <BulkDeleteButton mutationMode="pessimistic" label="shinsa.assign.remove" />
        }
      >
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="reviewerLogin">
          <FunctionField<Assignment> render={(a) => `${a.reviewerName}(${a.reviewerLogin})`} />
        </DataTable.Col>
        <DataTable.Col source="assignedBy" disableSort />
        <DataTable.Col source="assignedAt">
          <JstDateTimeField source="assignedAt" />
        </DataTable.Col>
        <DataTable.Col source="overrideReason" disableSort />
      </DataTable>
    </List>
  );
}

export default { list: AssignmentList, icon: AssignmentIndIcon };
