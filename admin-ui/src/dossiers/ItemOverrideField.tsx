import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Button, Chip, Stack, Tooltip } from '@mui/material';
import type { ItemOverrideRow } from '@server/decisions/decision.views';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

export type ItemOverride = Json<ItemOverrideRow>;

/** The dossier's item overrides (none while they load, or when they cannot be read). */
export function useItemOverrides(dossierId: string | undefined): ItemOverride[] {
  const dataProvider = useShinsaDataProvider();
  const { data, isError } = useQuery({
    queryKey: queryKeys.itemOverrides(dossierId ?? ''),
    queryFn: () => dataProvider.getItemOverrides(dossierId!),
    enabled: !!dossierId,
    retry: false,
  });
  return isError ? [] : (data ?? []);
}

/**
 * Records 採用 / 不採用 of an item after asking the reason (nothing when the person cancels),
 * or takes it back. Each names the override the person saw, so someone else's change
 * meanwhile is not overwritten (the server answers 409); the overrides reload after either.
 */
export function useItemOverride(dossierId: string) {
  const dataProvider = useShinsaDataProvider();
  const reloadAll = useReload();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = () => reloadAll(queryKeys.itemOverrides(dossierId));
  const notifyError = (e: Error) => {
    notify(e.message, { type: 'error' });
    return reload();
  };
  const save = useMutation({
    mutationFn: (override: {
      ref: string;
      accepted: boolean;
      reason: string;
      expected: string | null;
    }) => dataProvider.setItemOverride(dossierId, override),
    onSuccess: async () => {
      await reload();
      notify('shinsa.override.saved', { type: 'success' });
    },
    onError: notifyError,
  });
  const remove = useMutation({
    mutationFn: (override: { ref: string; expected: string | null }) =>
      dataProvider.removeItemOverride(dossierId, override),
    onSuccess: () => reload(),
    onError: notifyError,
  });
  return {
    decide(ref: string, accepted: boolean, seen: ItemOverride | undefined) {
      const reason = window.prompt(translate('shinsa.override.reason_prompt', { ref }));
      if (!reason?.trim()) return;
      save.mutate({ ref, accepted, reason, expected: seen?.decidedAt ?? null });
    },
    clear(ref: string, seen: ItemOverride | undefined) {
      remove.mutate({ ref, expected: seen?.decidedAt ?? null });
    },
  };
}

/**
 * 採用 / 不採用 of one case or attendance against the automatic result, with a reason; the
 * dossier's checks run again and the counts follow.
 */
export function ItemOverrideField({
  dossierId,
  revision,
  overrides,
  kind,
}: {
  dossierId: string;
  /** The dossier's current revision: an override made on an older one is marked. */
  revision: number;
  overrides: ItemOverride[];
  kind: 'case' | 'attendance';
}) {
  const item = useRecordContext<{ sheetNo?: number; caseNo?: number; no?: number }>();
  const translate = useTranslate();
  const { decide, clear } = useItemOverride(dossierId);
  if (!item) return null;
  const ref = kind === 'case' ? `case:${item.sheetNo}-${item.caseNo}` : `attendance:${item.no}`;
  const current = overrides.find((o) => o.ref === ref);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      {current ? (
        <>
          <Chip
            size="small"
            color={current.accepted ? 'success' : 'error'}
            label={translate(
              current.accepted ? 'shinsa.override.accepted' : 'shinsa.override.rejected',
            )}
            title={`${current.reason}(${current.decidedBy})`}
          />
          {current.revision < revision && (
            <Tooltip
              title={translate('shinsa.older_revision', {
                revision: current.revision,
                current: revision,
              })}
            >
              <WarningAmberIcon color="warning" fontSize="small" className="older-revision" />
            </Tooltip>
          )}
          <Button size="small" onClick={() => clear(ref, current)}>
            {translate('shinsa.override.clear')}
          </Button>
        </>
      ) : (
        <>
          <Button size="small" onClick={() => decide(ref, true, current)}>
            {translate('shinsa.override.accept')}
          </Button>
          <Button size="small" color="error" onClick={() => decide(ref, false, current)}>
            {translate('shinsa.override.reject')}
          </Button>
        </>
      )}
    </Stack>
  );
}
