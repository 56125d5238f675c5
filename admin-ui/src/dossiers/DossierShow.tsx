import KeyboardIcon from '@mui/icons-material/Keyboard';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
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
import { useNavigate, useParams } from 'react-router-dom';
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

/** The list's filter and order, as react-admin's store keeps them for the list. */
function useListOrder() {
  const [params] = useStore<{ filter?: object; sort?: string; order?: string }>(
    'dossiers.listParams',
    {},
  );
  return {
    filter: JSON.stringify(params.filter ?? {}),
    sort: JSON.stringify([params.sort ?? 'certNo', params.order ?? 'ASC']),
  };
}

/** The query of a dossier's previous and next in the list's filter and order. */
function useNeighboursQuery() {
  const dataProvider = useShinsaDataProvider();
  const { filter, sort } = useListOrder();
  return (id: string) => ({
    queryKey: queryKeys.dossierNeighbours(id, filter, sort),
    queryFn: () => dataProvider.getDossierNeighbours(id, { filter, sort }),
    retry: false,
  });
}

/**
 * J / K (and the buttons): the next and previous dossier, in the list's own filter and order.
 * Bound as long as the page is open, from the address's id: a key pressed while a dossier
 * loads is not dropped but waits for its neighbours, and keys pressed in quick succession go
 * on from where the last one went, one after another.
 */
function useQueueSteps() {
  const { id: routeId = '' } = useParams();
  const queryClient = useQueryClient();
  const neighbours = useNeighboursQuery();
  const navigate = useNavigate();
  const notify = useNotify();
  const at = useRef(routeId);
  const seenRoute = useRef(routeId);
  // The steps taken and not yet rendered: the page may render one while the next is taken.
  const taken = useRef<string[]>([]);
  if (seenRoute.current !== routeId) {
    seenRoute.current = routeId;
    const ours = taken.current.indexOf(routeId);
    if (ours >= 0) {
      taken.current = taken.current.slice(ours + 1);
    } else {
      // Moved by other means (the list, the browser's back button): go on from there.
      taken.current = [];
      at.current = routeId;
    }
  }
  const steps = useRef(Promise.resolve());
  return (direction: 'next' | 'previous') => {
    steps.current = steps.current.then(async () => {
      let around;
      try {
        around = await queryClient.fetchQuery({ ...neighbours(at.current), staleTime: 5000 });
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), { type: 'error' });
        return;
      }
      const to = around[direction];
      if (!to) {
        notify(direction === 'next' ? 'shinsa.shortcuts.end' : 'shinsa.shortcuts.start', {
          type: 'info',
        });
        return;
      }
      at.current = to;
      taken.current.push(to);
      navigate(`/dossiers/${to}/show`);
    });
  };
}

/** J / K / ? for the whole page, whatever is shown or loading. */
function usePageKeys(onHelp: () => void) {
  const step = useQueueSteps();
  useShortcuts({ j: () => step('next'), k: () => step('previous'), '?': onHelp });
  return step;
}

/**
 * Going through the list one dossier after another: the position, previous / next (J / K) and
 * the keys (?).
 */
function QueueNavigation({
  onHelp,
  step,
}: {
  onHelp: () => void;
  step: (direction: 'next' | 'previous') => void;
}) {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const neighbours = useNeighboursQuery();
  const { data, isError } = useQuery({
    ...neighbours(dossier?.id ?? ''),
    enabled: !!dossier,
  });
  const around = isError ? null : data;
  const next = () => step('next');
  const previous = () => step('previous');
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
function DossierHeader({
  onHelp,
  step,
}: {
  onHelp: () => void;
  step: (direction: 'next' | 'previous') => void;
}) {
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
        <QueueNavigation onHelp={onHelp} step={step} />
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

/** The page's keys, closed by Esc, by ? as it opened, or by its button. */
function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  const keys = [
    'next',
    'previous',
    'down',
    'accept',
    'reject',
    'decide',
    'reason_codes',
    'write_reason',
    'save',
    'cancel',
    'help',
  ];
  return (
    // The page's keys rest while a dialog is open: ? closes this one as it opened it.
    <Dialog
      open={open}
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === '?') {
          e.preventDefault();
          onClose();
        }
      }}
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
      <DialogActions>
        <Button id="shortcut-help-close" onClick={onClose}>
          {translate('shinsa.shortcuts.close')}
        </Button>
      </DialogActions>
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
  const toggleHelp = () => setHelp((h) => !h);
  const step = usePageKeys(toggleHelp);
  return (
    <Show title={<DossierTitle />} queryOptions={{ onError: refused }}>
      <DossierHeader onHelp={toggleHelp} step={step} />
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
