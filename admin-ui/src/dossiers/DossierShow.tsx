import KeyboardIcon from '@mui/icons-material/Keyboard';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  HttpError,
  Show,
  TabbedShowLayout,
  useNotify,
  useRecordContext,
  useRedirect,
  useStore,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { DossierPrintLink } from '../print/PrintLinks';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { DecisionPanel } from './DecisionPanel';
import type { DossierRecord } from './dossierRecord';
import { keysBackOnClose, useShortcuts } from './shortcuts';
import { ApplicantTab } from './tabs/ApplicantTab';
import { AttendancesTab } from './tabs/AttendancesTab';
import { CasesTab } from './tabs/CasesTab';
import { ChecksTab } from './tabs/ChecksTab';
import { ElearningTab } from './tabs/ElearningTab';
import { HistoryTab } from './tabs/HistoryTab';
import { MailTab } from './tabs/MailTab';
import { DossierMailFlags } from '../outbox/DossierMailFlags';
import { PaymentsTab } from './tabs/PaymentsTab';

function DossierTitle() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.dossiers.name', { smart_count: 1 })}{' '}
      {dossier ? `${dossier.certNo} ${dossier.name}` : ''}
    </span>
  );
}

const VERDICT_COLOR = { pass: 'success', fail: 'error', review: 'warning' } as const;

/** A previous / next button with its key named on hover. */
function StepButton({
  id,
  title,
  disabled,
  onClick,
  icon,
}: {
  id: string;
  title: string;
  disabled: boolean;
  onClick: () => void;
  icon: React.ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Tooltip title={translate(title)}>
      <span>
        <IconButton id={id} disabled={disabled} onClick={onClick}>
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/**
 * Going through the list one dossier after another, in the list's own filter and order: J next,
 * K previous, ? the keys. The list keeps its parameters in react-admin's store.
 */
function QueueNavigation({ onHelp }: { onHelp: () => void }) {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useShinsaDataProvider();
  const navigate = useNavigate();
  const [params] = useStore<{ filter?: object; sort?: string; order?: string }>(
    'dossiers.listParams',
    {},
  );
  const filter = JSON.stringify(params.filter ?? {});
  const sort = JSON.stringify([params.sort ?? 'certNo', params.order ?? 'ASC']);
  const { data, isError } = useQuery({
    queryKey: queryKeys.dossierNeighbours(dossier?.id ?? '', filter, sort),
    queryFn: () => dataProvider.getDossierNeighbours(dossier!.id, { filter, sort }),
    enabled: !!dossier,
    retry: false,
  });
  const around = isError ? null : data;
  const go = (id: string | null | undefined, edge: string) => {
    if (id) navigate(`/dossiers/${id}/show`);
    else notify(edge, { type: 'info' });
  };
  const next = () => go(around?.next, 'shinsa.shortcuts.end');
  const previous = () => go(around?.previous, 'shinsa.shortcuts.start');
  useShortcuts({ j: next, k: previous, '?': onHelp });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <StepButton
        id="dossier-previous"
        title="shinsa.shortcuts.previous"
        disabled={!around?.previous}
        onClick={previous}
        icon={<NavigateBeforeIcon />}
      />
      {around && around.total > 0 && (
        <Typography variant="body2" id="dossier-position">
          {translate('shinsa.shortcuts.position', around)}
        </Typography>
      )}
      <StepButton
        id="dossier-next"
        title="shinsa.shortcuts.next"
        disabled={!around?.next}
        onClick={next}
        icon={<NavigateNextIcon />}
      />
      <Button size="small" startIcon={<KeyboardIcon />} onClick={onHelp}>
        {translate('shinsa.shortcuts.title')}
      </Button>
    </Stack>
  );
}

/** Verdict, counts and decision at the top of every tab. */
function DossierHeader({ onHelp }: { onHelp: () => void }) {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }} id="dossier-header">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6">
          {dossier.certNo} {dossier.name}
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {dossier.kana} · {translate('resources.dossiers.fields.revision')} {dossier.revision}
          </Typography>
        </Typography>
        <Chip
          id="dossier-verdict"
          color={dossier.verdict ? VERDICT_COLOR[dossier.verdict] : 'default'}
          label={`${translate('resources.dossiers.fields.verdict')}: ${translate(`shinsa.verdict.${dossier.verdict ?? 'none'}`)}`}
        />
        {dossier.counts && (
          <Typography variant="body2" id="dossier-counts">
            {translate('shinsa.dossiers.counts', {
              cases: dossier.counts.cases,
              review: dossier.counts.casesUnderReview,
              attendances: dossier.counts.attendances,
            })}
          </Typography>
        )}
        {dossier.decision && (
          <Chip
            variant="outlined"
            label={`${translate('resources.dossiers.fields.decision')}: ${dossier.decision.decision}${dossier.decision.released ? '' : translate('shinsa.dossiers.unreleased')}`}
          />
        )}
        <Box sx={{ flexGrow: 1 }} />
        <DossierPrintLink dossierId={dossier.id} />
        <QueueNavigation onHelp={onHelp} />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mt: 0.5 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.dossiers.fields.workplace')}: {dossier.workplace ?? '—'}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.dossiers.fields.reviewers')}:{' '}
          {dossier.reviewers.map((r) => `${r.displayName}(${r.login})`).join('、') || '—'}
        </Typography>
      </Stack>
    </Box>
  );
}

function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const keys = ['next', 'previous', 'down', 'accept', 'reject', 'decide', 'save', 'help'];
  return (
    // The page's keys rest while a dialog is open: ? closes this one as it opened it.
    <Dialog
      open={open}
      onClose={onClose}
      onKeyDown={(e) => e.key === '?' && onClose()}
      slotProps={keysBackOnClose}
    >
      <DialogTitle>{translate('shinsa.shortcuts.title')}</DialogTitle>
      <DialogContent>
        <List dense id="shortcut-help">
          {keys.map((k) => (
            <ListItem key={k}>{translate(`shinsa.shortcuts.${k}`)}</ListItem>
          ))}
        </List>
      </DialogContent>
    </Dialog>
  );
}

/**
 * Why a dossier did not open, back on the list: a reviewer's refusal says it is not theirs
 * (react-admin would say the dossier does not exist); otherwise the server's own words.
 */
function useDossierRefused() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (error: unknown) => {
    const status = error instanceof HttpError ? error.status : 0;
    notify(
      status === 403
        ? 'shinsa.console.dossier_not_assigned'
        : error instanceof HttpError && error.body?.message
          ? error.message
          : 'ra.notification.item_doesnt_exist',
      { type: 'error' },
    );
    redirect('list', 'dossiers');
  };
}

/** One dossier. Opening it is written to the audit trail (its cases are patient data). */
export function DossierShow() {
  const [help, setHelp] = useState(false);
  const refused = useDossierRefused();
  return (
    <Show title={<DossierTitle />} queryOptions={{ onError: refused }}>
      <DossierHeader onHelp={() => setHelp((h) => !h)} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.summary">
          <DecisionPanel />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.applicant" path="applicant">
          <ApplicantTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.cases" path="cases">
          <CasesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.attendances" path="attendances">
          <AttendancesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.elearning" path="elearning">
          <ElearningTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.payments" path="payments">
          <PaymentsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.mail" path="mail">
          <DossierMailFlags />
          <MailTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.checks" path="checks">
          <ChecksTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="shinsa.dossiers.tab.history" path="history">
          <HistoryTab />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
