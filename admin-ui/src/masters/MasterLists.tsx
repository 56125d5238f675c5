import { DataTable, List, SearchInput, SelectInput, TextField, useTranslate } from 'react-admin';
import { EmptyHint } from '../common/EmptyHint';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <RoundFilter key="roundId" alwaysOn />,
];

export function SocietyList() {
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      exporter={false}
      filters={filters}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={50}
    >
      <DataTable
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.masters" />}
      >
        <DataTable.Col source="roundId" disableSort />
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
      </DataTable>
    </List>
  );
}

export function MeetingList() {
  const translate = useTranslate();
  const meetingFilters = [
    ...filters,
    <SelectInput
      key="kind"
      source="kind"
      choices={['全国', '地方会', '教育セミナー'].map((id) => ({ id, name: id }))}
      emptyText={translate('shinsa.masters.all_kinds')}
    />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      exporter={false}
      filters={meetingFilters}
      sort={{ field: 'startsOn', order: 'DESC' }}
      perPage={50}
    >
      <DataTable
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.masters" />}
      >
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="societyCode" />
        <DataTable.Col source="startsOn">
          <TextField source="startsOn" />
        </DataTable.Col>
        <DataTable.Col source="endsOn" disableSort>
          <TextField source="endsOn" />
        </DataTable.Col>
        <DataTable.Col source="kind" />
      </DataTable>
    </List>
  );
}

export function FacilityList() {
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      exporter={false}
      filters={filters}
      sort={{ field: 'facilityNo', order: 'ASC' }}
      perPage={50}
    >
      <DataTable
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.masters" />}
      >
        <DataTable.Col source="facilityNo" />
        <DataTable.Col source="name" />
        <DataTable.Col source="postalCode" disableSort />
        <DataTable.Col source="prefecture" />
        <DataTable.Col source="address" disableSort />
      </DataTable>
    </List>
  );
}
