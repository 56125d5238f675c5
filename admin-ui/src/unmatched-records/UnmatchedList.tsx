import {
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { RoundFilter } from '../common/RoundFilter';
import { JstDateTimeField } from '../common/JstDateTimeField';

const KINDS = ['payment', 'elearning', 'addressChange', 'mail'] as const;

/** Payments, e-learning results, notices and envelopes waiting for a dossier with their 認定番号. */
export function UnmatchedList() {
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" alwaysOn />,
    <SelectInput
      key="kind"
      source="kind"
      alwaysOn
      choices={KINDS.map((id) => ({ id, name: translate(`shinsa.unmatched.kind.${id}`) }))}
    />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="kind">
          <FunctionField<{ kind: string }>
            render={(r) => translate(`shinsa.unmatched.kind.${r.kind}`)}
          />
        </DataTable.Col>
        <DataTable.Col source="key" />
        <DataTable.Col source="certNo">
          <FunctionField<{ certNo: string }>
            render={(r) => r.certNo || translate('shinsa.unmatched.unreadable')}
          />
        </DataTable.Col>
        <DataTable.Col source="receivedAt">
          <JstDateTimeField source="receivedAt" />
        </DataTable.Col>
        <DataTable.Col source="summary" disableSort />
      </DataTable>
    </List>
  );
}
