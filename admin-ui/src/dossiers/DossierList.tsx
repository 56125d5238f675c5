import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { Button } from '@mui/material';
import type { DossierListRow } from '@server/dossiers/dossier.views';
import { useMemo, useState, type ReactNode } from 'react';
import {
  BooleanInput,
  DataTable,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useListContext,
  usePermissions,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import { CsvExportButton } from '../common/CsvExportButton';
import type { Json } from '../common/json';
import { EmptyHint } from '../common/EmptyHint';
import { PlainDataTableBody } from '../common/PlainDataTableBody';
import { PrefetchNextPage } from '../common/PrefetchNextPage';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { DecisionSheetLink } from '../print/PrintLinks';
import { AssignDialog } from './AssignDialog';
import { HoldBulkButton } from './HoldDialog';
import { ReleaseButton } from './ReleaseDialog';
import {
  DECISION_FILTER_CHOICES,
  FEE_FILTER_CHOICES,
  MAIL_FILTER_CHOICES,
  RULE_CHOICES,
  RULE_OUTCOME_CHOICES,
} from './rules';
import { SavedViews } from './SavedViews';

export const VERDICT_CHOICES = [
  { id: 'pass', name: 'shinsa.verdict.pass' },
  { id: 'review', name: 'shinsa.verdict.review' },
  { id: 'fail', name: 'shinsa.verdict.fail' },
];
const VERDICT_FILTER_CHOICES = [
  ...VERDICT_CHOICES,
  { id: 'unchecked', name: 'shinsa.verdict.none' },
];

function ListActions({ office, admin }: { office: boolean; admin: boolean }) {
  return (
    <TopToolbar>
      <FilterButton />
      {admin && <ReleaseButton />}
      <DecisionSheetLink />
      {office && (
        <CsvExportButton
          path="/api/dossiers/export.csv"
          label="shinsa.export.button"
          id="dossiers-export"
        />
      )}
    </TopToolbar>
  );
}

type DossierRow = Json<DossierListRow>;

/** Assigns the selected dossiers (secretariat and admins). */
function AssignBulkButton() {
  const { selectedIds, data, filterValues } = useListContext<DossierRow>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('dossiers');
  const [open, setOpen] = useState(false);
  const selected = (data ?? []).filter((d) => selectedIds.includes(d.id));
  const roundId = (filterValues.roundId as string) ?? selected[0]?.roundId ?? '';
  return (
    <>
      <Button
        size="small"
        startIcon={<AssignmentIndIcon />}
        onClick={() => setOpen(true)}
        id="assign-open"
      >
        {translate('shinsa.assign.open')}
      </Button>
      <AssignDialog
        open={open}
        roundId={roundId}
        certNos={selected.map((d) => d.certNo)}
        onClose={(changed) => {
          setOpen(false);
          if (changed) {
            unselectAll();
            refresh();
          }
        }}
      />
    </>
  );
}

/**
 * The rows of the list: plain rows (a page change mounts 50 of them), and the next page
 * fetched ahead. (Not the dossiers themselves on hover: reading one is audited as opened.)
 */
function DossierRows({ children }: { children?: ReactNode }) {
  return (
    <>
      <PrefetchNextPage />
      <PlainDataTableBody>{children}</PlainDataTableBody>
    </>
  );
}

/**
 * The bulk buttons while dossiers are selected (their toolbar is hidden otherwise): each reads
 * the whole list and holds a dialog, and would render again at every page change.
 */
function WhileSelected({ children }: { children: ReactNode }) {
  const { selectedIds } = useListContext();
  return selectedIds.length > 0 ? <>{children}</> : null;
}

/** The list's cells that are more than a value, each a plain function of the row. */
function useDossierCells() {
  const translate = useTranslate();
  return useMemo(() => {
    const verdicts = Object.fromEntries(VERDICT_CHOICES.map((c) => [c.id, translate(c.name)]));
    const unreleased = translate('shinsa.dossiers.unreleased');
    const none = translate('shinsa.verdict.none');
    return {
      verdict: (d: DossierRow) => (d.verdict ? verdicts[d.verdict] : none),
      decision: (d: DossierRow) =>
        d.decision ? `${d.decision.decision}${d.decision.released ? '' : unreleased}` : '',
      reviewers: (d: DossierRow) =>
        d.reviewers.map((r) => (
          <span key={r.id} className="chip">
            {r.displayName}
          </span>
        )),
    };
  }, [translate]);
}

/** Dossiers: the secretariat sees every one; a reviewer only those assigned to them. */
export function DossierList() {
  const { permissions } = usePermissions<string>();
  const office = permissions === 'admin' || permissions === 'secretariat';
  const cells = useDossierCells();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <SelectInput key="verdict" source="verdict" choices={VERDICT_FILTER_CHOICES} />,
    <SelectInput key="decision" source="decision" choices={DECISION_FILTER_CHOICES} />,
    <SelectInput
      key="rule"
      source="rule"
      label="resources.dossiers.fields.rule_filter"
      choices={RULE_CHOICES}
    />,
    <SelectInput key="ruleOutcome" source="ruleOutcome" choices={RULE_OUTCOME_CHOICES} />,
    <SelectInput key="mail" source="mail" choices={MAIL_FILTER_CHOICES} />,
    <SelectInput key="fee" source="fee" choices={FEE_FILTER_CHOICES} />,
    ...(office
      ? [
          <ReferenceInput key="reviewerId" source="reviewerId" reference="reviewers">
            <SelectInput
              optionText={(r: { displayName: string; login: string }) =>
                `${r.displayName}(${r.login})`
              }
            />
          </ReferenceInput>,
          <BooleanInput key="unassigned" source="unassigned" />,
        ]
      : []),
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      actions={<ListActions office={office} admin={permissions === 'admin'} />}
      aside={<SavedViews resource="dossiers" />}
      sort={{ field: 'certNo', order: 'ASC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable
        rowClick="show"
        body={DossierRows}
        empty={<EmptyHint first="shinsa.console.empty.dossiers" />}
        bulkActionButtons={
          <WhileSelected>
            {office && <AssignBulkButton />}
            <HoldBulkButton />
            {permissions === 'admin' && <ReleaseButton bulk />}
          </WhileSelected>
        }
      >
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="kana" />
        <DataTable.Col source="workplace" disableSort />
        <DataTable.Col source="verdict" render={cells.verdict} />
        <DataTable.Col source="decision" disableSort render={cells.decision} />
        <DataTable.Col source="reviewers" disableSort render={cells.reviewers} />
      </DataTable>
    </List>
  );
}
