import { Box } from '@mui/material';
import { useEffect, useState } from 'react';
import { ArrayField, DataTable, FunctionField, useRecordContext } from 'react-admin';
import { checksOf, type DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';
import { ItemOverrideField, useItemOverride, useItemOverrides } from '../ItemOverrideField';
import { OverrideReasonDialog } from '../OverrideReasonDialog';
import { useShortcuts } from '../shortcuts';

/**
 * The cases with their rule results and ICD-10 category, each accepted or rejected against the
 * automatic result. ↓ / ↑ choose a case, A accepts it, R rejects it (a dialog asks the reason).
 */
export function CasesTab() {
  const dossier = useRecordContext<DossierRecord>();
  const overrides = useItemOverrides(dossier?.id);
  const override = useItemOverride(dossier?.id ?? '');
  const [focus, setFocus] = useState(0);
  const count = dossier?.cases.length ?? 0;
  const refAt = (i: number) =>
    dossier ? `case:${dossier.cases[i].sheetNo}-${dossier.cases[i].caseNo}` : '';
  const decide = (accepted: boolean) => {
    if (!dossier || count === 0) return;
    const ref = refAt(focus);
    override.decide(
      ref,
      accepted,
      overrides.find((o) => o.ref === ref),
    );
  };
  useShortcuts({
    ArrowDown: () => setFocus((i) => Math.min(i + 1, count - 1)),
    ArrowUp: () => setFocus((i) => Math.max(i - 1, 0)),
    a: () => decide(true),
    r: () => decide(false),
  });
  useEffect(() => {
    document.querySelector('.case-in-focus')?.scrollIntoView({ block: 'nearest' });
  }, [focus]);
  if (!dossier) return null;
  return (
    <>
      <OverrideReasonDialog dialog={override.dialog} />
      <ArrayField source="cases">
        <DataTable
          bulkActionButtons={false}
          rowClick={false}
          rowSx={(_, index) =>
            index === focus ? { outline: '2px solid', outlineColor: 'primary.main' } : {}
          }
        >
          <DataTable.Col source="sheetNo" label="resources.dossiers.fields.sheetNo" />
          <DataTable.Col source="caseNo" label="resources.dossiers.fields.caseNo" />
          <DataTable.Col source="startMonth" label="resources.dossiers.fields.startMonth" />
          <DataTable.Col source="item" label="resources.dossiers.fields.item" />
          <DataTable.Col source="age" label="resources.dossiers.fields.age" />
          <DataTable.Col source="sex" label="resources.dossiers.fields.sex" />
          <DataTable.Col source="diagnosis" label="resources.dossiers.fields.diagnosis" />
          <DataTable.Col source="pathology" label="resources.dossiers.fields.pathology" />
          <DataTable.Col label="shinsa.dossiers.icd10">
            <FunctionField<{ sheetNo: number; caseNo: number }>
              render={(c) => {
                const dx = checksOf(dossier, `case:${c.sheetNo}-${c.caseNo}`).find(
                  (r) => r.rule === 'case.diagnosis',
                );
                return (dx?.details?.icd10 as string | undefined) ?? '—';
              }}
            />
          </DataTable.Col>
          <DataTable.Col label="shinsa.dossiers.checks_of_item">
            <FunctionField<{ sheetNo: number; caseNo: number }>
              render={(c) => {
                const index = dossier.cases.findIndex(
                  (x) => x.sheetNo === c.sheetNo && x.caseNo === c.caseNo,
                );
                return (
                  <Box
                    className={index === focus ? 'case-in-focus' : undefined}
                    onClick={() => setFocus(index)}
                  >
                    <ItemChecks checks={checksOf(dossier, `case:${c.sheetNo}-${c.caseNo}`)} />
                  </Box>
                );
              }}
            />
          </DataTable.Col>
          <DataTable.Col label="resources.dossiers.fields.override">
            <ItemOverrideField
              actions={override}
              revision={dossier.revision}
              overrides={overrides}
              kind="case"
            />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </>
  );
}
