import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { groupByOutcome, type CheckSummary, type Decision } from '@server/decisions/decision-rules';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { HttpError, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useItemLabels } from '../common/useItemLabels';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { REASON_KEYS, toggleReasonByKey } from './decisionKeys';
import { ReasonCodes, reasonsFor, useDecisionReasons } from './ReasonCodes';
import { useShortcuts } from './shortcuts';

const jst = (iso: string) =>
  new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });

/**
 * Every rule not passed, grouped 不合格 / 要確認 / 未確認, each by its name and item (病院長公印
 * 症例一覧表(2), 参加証明 3) with the check's own words: the server's list, as it records it.
 */
function PassWarnings({ warnings }: { warnings: readonly CheckSummary[] }) {
  const translate = useTranslate();
  const items = useItemLabels();
  return (
    <Alert severity="warning" id="decision-warnings" sx={{ my: 1 }}>
      {translate('shinsa.decision.warn')}
      {groupByOutcome(warnings).map((group) => (
        <Box key={group.outcome} id={`decision-warnings-${group.outcome}`} sx={{ mt: 0.5 }}>
          <Typography variant="subtitle2" component="div">
            {translate(`shinsa.decision.not_passed.${group.outcome}`)}({group.checks.length})
          </Typography>
          <ul style={{ margin: 0 }}>
            {group.checks.map((w) => (
              <li key={`${w.rule} ${w.ref ?? ''}`}>
                {w.rule === 'checks' ? (
                  w.message
                ) : (
                  <>
                    <strong>{items.document(w.rule, w.ref)}</strong>: {w.message}
                  </>
                )}
              </li>
            ))}
          </ul>
        </Box>
      ))}
    </Alert>
  );
}

/**
 * The committee's decision on the dossier: the current one and its history, and a form that
 * warns before 合格 against the checks. Saving names the decision it replaces, so a decision
 * someone else recorded meanwhile is never overwritten silently.
 */
export function DecisionPanel() {
  const dossier = useRecordContext<{ id: string; revision: number }>();
  const panel = useRef<HTMLDivElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const dataProvider = useShinsaDataProvider();
  const dossierId = dossier?.id ?? '';
  const decisions = useQuery({
    queryKey: queryKeys.decisions(dossierId),
    queryFn: () => dataProvider.getDecisions(dossierId),
    enabled: !!dossier,
    retry: false,
  });
  const warningsQuery = useQuery({
    queryKey: queryKeys.decisionWarnings(dossierId),
    queryFn: () => dataProvider.getDecisionWarnings(dossierId),
    enabled: !!dossier,
    retry: false,
  });
  const history = decisions.data ?? [];
  const warnings = warningsQuery.data ?? [];
  const reasons = useDecisionReasons().data ?? [];
  const [decision, setDecision] = useState<Decision | ''>('');
  const [codes, setCodes] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loadError = decisions.error ?? warningsQuery.error;
  const current = history[0] && !history[0].supersededAt ? history[0] : null;
  const saveDecision = useMutation({
    mutationFn: (chosen: Decision) =>
      dataProvider.decide(dossierId, {
        decision: chosen,
        reasonCodes: codes,
        reason,
        expectedCurrentId: current?.id ?? null,
      }),
    onMutate: () => setError(null),
    onSuccess: async () => {
      setDecision('');
      setCodes([]);
      setReason('');
      await reload();
      notify('shinsa.decision.saved', { type: 'success' });
    },
    onError: async (e) => {
      setError(e.message);
      // Someone else decided meanwhile: show the latest at once.
      if (e instanceof HttpError && e.status === 409) {
        await reload(queryKeys.decisions(dossierId), queryKeys.decisionWarnings(dossierId));
      }
    },
  });

  const save = () => {
    if (decision) saveDecision.mutate(decision);
  };
  // G / F / H choose 合格 / 不合格 / 保留 and leave the focus on the panel, not in the reason:
  // the next key is a command (Enter records, digits pick reason codes, E writes the reason,
  // Esc cancels), as the ? list says.
  const choose = (d: Decision) => {
    setDecision(d);
    setCodes([]);
    setTimeout(() => panel.current?.focus(), 0);
  };
  const cancel = () => {
    setDecision('');
    setCodes([]);
    setError(null);
  };
  const shownCodes = decision ? reasonsFor(reasons, decision).map((r) => r.code) : [];
  const pickReason = (key: string) => () => {
    const picked = decision ? toggleReasonByKey(key, shownCodes, codes) : null;
    if (picked === null) return false;
    setCodes(picked);
  };
  const whenChosen = (command: () => void) => () => {
    if (!decision || saveDecision.isPending) return false;
    command();
  };
  useShortcuts({
    g: () => choose('合格'),
    f: () => choose('不合格'),
    h: () => choose('保留'),
    Enter: whenChosen(save),
    Escape: whenChosen(cancel),
    e: whenChosen(() => reasonField.current?.focus()),
    ...Object.fromEntries(REASON_KEYS.map((key) => [key, pickReason(key)])),
  });

  if (!dossier) return null;
  const shownError = error ?? loadError?.message;

  return (
    <Box
      id="decision-panel"
      ref={panel}
      tabIndex={-1}
      sx={{ mb: 2, outline: 'none' }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && decision) {
          e.preventDefault();
          save();
        } else if (e.key === 'Escape' && e.target === reasonField.current) {
          // Out of the reason, keys are commands again.
          e.preventDefault();
          panel.current?.focus();
        }
      }}
    >
      <Typography variant="h6" gutterBottom>
        {translate('shinsa.decision.title')}
      </Typography>
      {current ? (
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
          <Chip
            id="decision-current"
            color={
              current.decision === '合格'
                ? 'success'
                : current.decision === '不合格'
                  ? 'error'
                  : 'warning'
            }
            label={current.decision}
          />
          <Typography variant="body2">
            {current.releasedAt
              ? translate('shinsa.decision.released')
              : translate('shinsa.decision.pending_release')}{' '}
            · {current.decidedBy} · {jst(current.decidedAt)}
            {current.reason ? ` · ${current.reason}` : ''}
          </Typography>
          {current.revision < dossier.revision && (
            <Alert severity="warning" sx={{ py: 0 }} id="decision-older-revision">
              {translate('shinsa.older_revision', {
                revision: current.revision,
                current: dossier.revision,
              })}
            </Alert>
          )}
        </Stack>
      ) : (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('shinsa.decision.none')}
        </Typography>
      )}
      <RadioGroup row value={decision} onChange={(e) => choose(e.target.value as Decision)}>
        {(['合格', '不合格', '保留'] as const).map((d) => (
          <FormControlLabel key={d} value={d} control={<Radio />} label={d} />
        ))}
      </RadioGroup>
      {decision === '合格' && warnings.length > 0 && <PassWarnings warnings={warnings} />}
      {decision && (
        <ReasonCodes
          reasons={reasons}
          decision={decision}
          codes={codes}
          onChange={setCodes}
          row
          numbered
        />
      )}
      {decision && (
        <TextField
          id="decision-reason"
          inputRef={reasonField}
          fullWidth
          multiline
          margin="dense"
          label={translate('shinsa.decision.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {shownError && (
        <Alert severity="error" sx={{ my: 1 }} id="decision-error">
          {shownError}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
        <Button variant="contained" disabled={!decision} onClick={save} id="decision-save">
          {translate('shinsa.decision.save')}
        </Button>
        {decision && (
          <Typography variant="body2" color="text.secondary" id="decision-keys">
            {translate('shinsa.decision.keys')}
          </Typography>
        )}
      </Stack>
      {history.length > 1 && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2">{translate('shinsa.decision.history')}</Typography>
          {history.slice(1).map((d) => (
            <Typography key={d.id} variant="body2" color="text.secondary">
              {jst(d.decidedAt)} {d.decidedBy}: {d.decision}
              {d.reason ? `(${d.reason})` : ''}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
