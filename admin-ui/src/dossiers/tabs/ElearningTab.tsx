import { ArrayField, DataTable, DateField } from 'react-admin';
import { NoRows } from './NoRows';
import { RuleSummary } from './RuleSummary';

/** E-learning results of the applicant in the round, below the rules about them. */
export function ElearningTab() {
  return (
    <>
      <RuleSummary rules={['elearning', 'doc.elearning']} />
      <ArrayField source="elearning">
        <DataTable bulkActionButtons={false} rowClick={false} empty={<NoRows />}>
          <DataTable.Col source="field" label="resources.dossiers.fields.field" />
          <DataTable.Col source="completedAt" label="resources.dossiers.fields.completedAt">
            <DateField source="completedAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="miniTestScore" label="resources.dossiers.fields.miniTestScore" />
        </DataTable>
      </ArrayField>
    </>
  );
}
