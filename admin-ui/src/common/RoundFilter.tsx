import { ReferenceInput, SelectInput } from 'react-admin';

/** The round whose master data or records are listed. */
export function RoundFilter({ source = 'roundId' }: { source?: string; alwaysOn?: boolean }) {
  return (
    <ReferenceInput source={source} reference="rounds" sort={{ field: 'id', order: 'DESC' }}>
      <SelectInput optionText="label" />
    </ReferenceInput>
  );
}
