import {
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { JstDateTimeField } from '../common/JstDateTimeField';

const KINDS = ['payment', 'elearning', 'addressChange', 'mail'] as const;

interface Unmatched {
  roundId: string;
  kind: (typeof KINDS)[number];
  key: string;
  certNo: string;
}

const listOf = (resource: string, filter: Record<string, string>) =>
  `/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/**
 * Where a row is dealt with: an envelope's page (to choose its applicant), the payment in the
 * payments list, else the dossiers found by its 認定番号 (a mistyped number shows its neighbours).
 */
function pageOf(row: Unmatched): string | false {
  if (row.kind === 'mail') return `/envelopes/${encodeURIComponent(`${row.roundId}:${row.key}`)}`;
  if (row.kind === 'payment') return listOf('payments', { roundId: row.roundId, q: row.key });
  return row.certNo ? listOf('dossiers', { roundId: row.roundId, q: row.certNo }) : false;
}

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
      {...useCurrentRoundList()}
      empty={false}
      exporter={false}
      filters={filters}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      perPage={50}
    >
      <DataTable
        bulkActionButtons={false}
        rowClick={(_, __, row) => pageOf(row as Unmatched)}
        empty={<EmptyHint first="shinsa.console.empty.unmatched" />}
      >
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
