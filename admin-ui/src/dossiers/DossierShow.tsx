import { Chip, Stack } from '@mui/material';
import {
  ArrayField,
  DataTable,
  FunctionField,
  Labeled,
  NumberField,
  SelectField,
  Show,
  TabbedShowLayout,
  TextField,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useCallback, useEffect, useState } from 'react';
import { callApi } from '../common/api';
import { ItemOverrideField, type ItemOverride } from './ItemOverrideField';
import { DecisionPanel } from './DecisionPanel';
import { DossierHistory } from './DossierHistory';
import { VERDICT_CHOICES } from './DossierList';

interface Dossier {
  reviewers: { id: number; login: string; displayName: string }[];
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
}

function DossierTitle() {
  const dossier = useRecordContext<{ certNo: string; name: string }>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.dossiers.name', { smart_count: 1 })}{' '}
      {dossier ? `${dossier.certNo} ${dossier.name}` : ''}
    </span>
  );
}

/** The cases, each with its 採用 / 不採用 against the automatic result. */
function CasesTab() {
  const dossier = useRecordContext<{ id: string }>();
  const [overrides, setOverrides] = useState<ItemOverride[]>([]);
  const load = useCallback(() => {
    if (dossier)
      callApi<ItemOverride[]>(`/api/dossiers/${dossier.id}/overrides`)
        .then(setOverrides)
        .catch(() => setOverrides([]));
  }, [dossier]);
  useEffect(load, [load]);
  if (!dossier) return null;
  return (
    <ArrayField source="cases">
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="sheetNo" label="resources.dossiers.fields.sheetNo" />
        <DataTable.Col source="caseNo" label="resources.dossiers.fields.caseNo" />
        <DataTable.Col source="startMonth" label="resources.dossiers.fields.startMonth" />
        <DataTable.Col source="item" label="resources.dossiers.fields.item" />
        <DataTable.Col source="age" label="resources.dossiers.fields.age" />
        <DataTable.Col source="sex" label="resources.dossiers.fields.sex" />
        <DataTable.Col source="diagnosis" label="resources.dossiers.fields.diagnosis" />
        <DataTable.Col source="pathology" label="resources.dossiers.fields.pathology" />
        <DataTable.Col label="resources.dossiers.fields.override">
          <ItemOverrideField
            dossierId={dossier.id}
            overrides={overrides}
            kind="case"
            onChange={load}
          />
        </DataTable.Col>
      </DataTable>
    </ArrayField>
  );
}

/** One dossier. Opening it is written to the audit trail (its cases are patient data). */
export function DossierShow() {
  const { permissions } = usePermissions<string>();
  const office = permissions === 'admin' || permissions === 'secretariat';
  return (
    <Show title={<DossierTitle />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.summary">
          <DecisionPanel />
          <Stack direction="row" spacing={4}>
            <TextField source="certNo" />
            <TextField source="name" />
            <TextField source="kana" />
            <NumberField source="revision" />
          </Stack>
          <SelectField source="verdict" choices={VERDICT_CHOICES} emptyText="shinsa.verdict.none" />
          <FunctionField<Dossier>
            source="counts"
            render={(d) =>
              d.counts
                ? `症例 ${d.counts.cases}(確認中 ${d.counts.casesUnderReview})・学術集会 ${d.counts.attendances}`
                : ''
            }
          />
          <TextField source="workplace" />
          <Labeled source="reviewers">
            <FunctionField<Dossier>
              render={(d) => (
                <Stack direction="row" spacing={0.5}>
                  {d.reviewers.map((r) => (
                    <Chip key={r.id} size="small" label={`${r.displayName}(${r.login})`} />
                  ))}
                </Stack>
              )}
            />
          </Labeled>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.cases">
          <CasesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.checks">
          <ArrayField source="checks">
            <DataTable bulkActionButtons={false} rowClick={false}>
              <DataTable.Col source="rule" label="resources.dossiers.fields.rule" />
              <DataTable.Col source="outcome" label="resources.dossiers.fields.outcome" />
              <DataTable.Col source="ref" label="resources.dossiers.fields.ref" />
              <DataTable.Col source="message" label="resources.dossiers.fields.message" />
            </DataTable>
          </ArrayField>
        </TabbedShowLayout.Tab>
        {office && (
          <TabbedShowLayout.Tab label="shinsa.dossiers.tab.history" path="history">
            <DossierHistory />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
}
