import PublishIcon from '@mui/icons-material/Publish';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import type { Decision } from '@server/decisions/decision-rules';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  useListContext,
  useNotify,
  useTranslate,
  useUnselectAll,
  type Identifier,
} from 'react-admin';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

const DECISIONS: readonly Decision[] = ['合格', '不合格', '保留'];

/**
 * 判定を公開 (admins: the committee's chair): among the bulk actions, opens the dialog on the
 * list's selection (the whole round a choice away); in the toolbar, on every pending decision
 * of the round filtered on.
 */
export function ReleaseButton({ bulk = false }: { bulk?: boolean }) {
  const list = useListContext<{ id: Identifier; roundId: string }>();
  const { data, filterValues } = list;
  const selectedIds = bulk ? list.selectedIds : [];
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const selected = (data ?? []).find((d) => selectedIds.includes(d.id));
  const roundId = (filterValues.roundId as string | undefined) ?? selected?.roundId ?? '';
  const button = (
    <Button
      size="small"
      startIcon={<PublishIcon />}
      onClick={() => setOpen(true)}
      disabled={!roundId}
      id={bulk ? 'release-open' : 'release-round-open'}
    >
      {translate('shinsa.decision.release')}
    </Button>
  );
  return (
    <>
      {roundId ? (
        button
      ) : (
        <Tooltip title={translate('shinsa.dialogs.release.choose_round')}>
          <span>{button}</span>
        </Tooltip>
      )}
      {open && (
        <ReleaseDialog roundId={roundId} selectedIds={selectedIds} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/**
 * Shows what a release would release before it is made: the pending decisions by decision,
 * who decided them and the rules 合格 overrode; of the selection or the whole round. 保留 stays
 * back unless the chair ticks it.
 */
function ReleaseDialog({
  roundId,
  selectedIds,
  onClose,
}: {
  roundId: string;
  selectedIds: Identifier[];
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const unselectAll = useUnselectAll('dossiers');
  const dataProvider = useShinsaDataProvider();
  const [whole, setWhole] = useState(selectedIds.length === 0);
  const [includeHeld, setIncludeHeld] = useState(false);
  const request = {
    roundId,
    dossierIds: whole ? null : selectedIds.map(String),
    includeHeld,
  };
  const preview = useQuery({
    queryKey: queryKeys.releasePreview(request),
    queryFn: () => dataProvider.previewRelease(request),
    // The figures of the previous choice stay until the new ones arrive.
    placeholderData: keepPreviousData,
    retry: false,
  });
  const release = useMutation({
    mutationFn: () => dataProvider.releaseDecisions(request),
    onSuccess: async (result) => {
      unselectAll();
      await reload();
      notify('shinsa.decision.released_n', {
        type: 'success',
        messageArgs: { n: result.released },
      });
      onClose();
    },
  });
  const data = preview.data;
  const held = data?.pending['保留'] ?? 0;
  const error = release.error ?? preview.error;
  const ruleName = (rule: string, message: string) =>
    translate(`shinsa.rules.${rule}`, { _: message });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="release-title">
      <DialogTitle id="release-title">
        {translate('shinsa.dialogs.release.title', { round: roundId })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} id="release-preview">
          {selectedIds.length > 0 && (
            <RadioGroup
              value={whole ? 'round' : 'selection'}
              onChange={(e) => setWhole(e.target.value === 'round')}
            >
              <FormControlLabel
                value="selection"
                control={<Radio />}
                label={translate('shinsa.dialogs.release.scope_selection', {
                  n: selectedIds.length,
                })}
              />
              <FormControlLabel
                value="round"
                control={<Radio />}
                label={translate('shinsa.dialogs.release.scope_round', { round: roundId })}
              />
            </RadioGroup>
          )}
          {data && (
            <>
              <Table size="small" id="release-counts">
                <TableHead>
                  <TableRow>
                    {DECISIONS.map((d) => (
                      <TableCell key={d} align="right">
                        {d}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  <TableRow>
                    {DECISIONS.map((d) => (
                      <TableCell key={d} align="right" data-decision={d}>
                        {translate('shinsa.dialogs.release.count', { n: data.pending[d] ?? 0 })}
                        {d === '保留' && held > 0 && !includeHeld && (
                          <Typography variant="caption" component="div" color="text.secondary">
                            {translate('shinsa.dialogs.release.held_kept')}
                          </Typography>
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableBody>
              </Table>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={includeHeld}
                    onChange={(e) => setIncludeHeld(e.target.checked)}
                    disabled={held === 0}
                    id="release-include-held"
                  />
                }
                label={translate('shinsa.dialogs.release.include_held', { n: held })}
              />
              {data.deciders.length > 0 && (
                <div id="release-deciders">
                  <Typography variant="subtitle2">
                    {translate('shinsa.dialogs.release.deciders')}
                  </Typography>
                  <Typography variant="body2">
                    {data.deciders
                      .map((d) =>
                        translate('shinsa.dialogs.release.decider', {
                          name: d.displayName ? `${d.displayName}(${d.login})` : d.login,
                          n: d.decisions,
                        }),
                      )
                      .join('、')}
                  </Typography>
                </div>
              )}
              {data.overridden.length > 0 && (
                <Alert severity="warning" id="release-overridden">
                  {translate('shinsa.dialogs.release.overridden')}
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {data.overridden.map((o) => (
                      <li key={o.rule}>
                        {translate('shinsa.dialogs.release.decider', {
                          name: ruleName(o.rule, o.message),
                          n: o.decisions,
                        })}
                      </li>
                    ))}
                  </ul>
                </Alert>
              )}
              {data.releasing === 0 ? (
                <Alert severity="info">{translate('shinsa.dialogs.release.nothing')}</Alert>
              ) : (
                <Typography variant="body2">
                  {translate('shinsa.dialogs.release.confirm', { n: data.releasing })}
                </Typography>
              )}
            </>
          )}
          {error && <Alert severity="error">{error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          id="release-submit"
          disabled={!data || data.releasing === 0 || release.isPending || preview.isFetching}
          onClick={() => release.mutate()}
        >
          {translate('shinsa.dialogs.release.submit', { n: data?.releasing ?? 0 })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
