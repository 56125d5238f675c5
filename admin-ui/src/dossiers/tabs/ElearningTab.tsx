import { japaneseDateTime } from '@server/common/japan-time';
import { ArrayField, DataTable, FunctionField } from 'react-admin';
import type { DossierRecord } from '../dossierRecord';
import { NoRows } from './NoRows';
import { RuleSummary } from './RuleSummary';

type Result = DossierRecord['elearning'][number];

/** E-learning results of the applicant in the round, below the rules about them. */
export function ElearningTab() {
  return (
    <>
      <RuleSummary rules={['elearning', 'doc.elearning']} />
      <ArrayField source="elearning">
        <DataTable bulkActionButtons={false} rowClick={false} empty={<NoRows />}>
          <DataTable.Col source="field" label="resources.dossiers.fields.field" />
          <DataTable.Col source="kind" label="shinsa.console.elearning_kind">
            <FunctionField<Result> render={(e) => e.kind ?? '—'} />
          </DataTable.Col>
          <DataTable.Col source="completedAt" label="resources.dossiers.fields.completedAt">
            <FunctionField<Result> render={(e) => japaneseDateTime(new Date(e.completedAt))} />
          </DataTable.Col>
          <DataTable.Col source="miniTestScore" label="resources.dossiers.fields.miniTestScore" />
        </DataTable>
      </ArrayField>
    </>
  );
}
