import { ArrayField, DataTable, FunctionField, useRecordContext } from 'react-admin';
import { checksOf, type DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';
import { ItemOverrideField, useItemOverride, useItemOverrides } from '../ItemOverrideField';
import { OverrideReasonDialog } from '../OverrideReasonDialog';

/** The meetings attended, with the rule's result, the proof's verification and overrides. */
export function AttendancesTab() {
  const dossier = useRecordContext<DossierRecord>();
  const overrides = useItemOverrides(dossier?.id);
  const override = useItemOverride(dossier?.id ?? '');
  if (!dossier) return null;
  return (
    <>
      <OverrideReasonDialog dialog={override.dialog} />
      <ArrayField source="attendances">
        <DataTable bulkActionButtons={false} rowClick={false} id="attendances">
          <DataTable.Col source="no" label="resources.dossiers.fields.no" />
          <DataTable.Col source="meetingCode" label="resources.dossiers.fields.meetingCode" />
          <DataTable.Col label="shinsa.dossiers.meeting">
            <FunctionField<{ no: number }>
              render={(a) => (
                <ItemChecks
                  checks={checksOf(dossier, `attendance:${a.no}`, 'attendance.')}
                  passed
                />
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="shinsa.dossiers.proof">
            <FunctionField<{ no: number }>
              render={(a) => (
                <ItemChecks checks={checksOf(dossier, `attendance:${a.no}`, 'doc.')} passed />
              )}
            />
          </DataTable.Col>
          <DataTable.Col label="resources.dossiers.fields.override">
            <ItemOverrideField
              actions={override}
              revision={dossier.revision}
              overrides={overrides}
              kind="attendance"
            />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </>
  );
}
