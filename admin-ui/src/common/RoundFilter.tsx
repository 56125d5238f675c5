import { ReferenceInput, SelectInput, required } from 'react-admin';
import { useCurrentRoundId } from './RoundSelect';

/**
 * The round whose master data or records are listed. A list opens on the current round through
 * useCurrentRoundList; a form's round (`form`) is the current one until another is chosen.
 */
export function RoundFilter({
  source = 'roundId',
  form = false,
}: {
  source?: string;
  alwaysOn?: boolean;
  form?: boolean;
}) {
  const current = useCurrentRoundId();
  return (
    <ReferenceInput source={source} reference="rounds" sort={{ field: 'id', order: 'DESC' }}>
      <SelectInput
        optionText="label"
        defaultValue={form && current ? current : undefined}
        validate={form ? required() : undefined}
      />
    </ReferenceInput>
  );
}
