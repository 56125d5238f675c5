import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Button, Chip, Stack, Tooltip } from '@mui/material';
import type { ItemOverrideRow } from '@server/decisions/decision.views';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

export type ItemOverride = Json<ItemOverrideRow>;

/** The item to accept or reject, and the override the person saw (its decidedAt, or null). */
export interface OverrideRequest {
  ref: string;
  accepted: boolean;
  expected: string | null;
}

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

/** An item as people name it: 症例一覧表(1) 6 行目, 学術集会参加 3. */
export function useItemLabel(): (ref: string) => string {
  const translate = useTranslate();
  return (ref) => {
    const [kind, n] = ref.split(':');
    if (kind === 'case') {
      const [sheet, row] = n.split('-');
      return translate('shinsa.dialogs.item.case', { sheet, row });
    }
    return translate('shinsa.dialogs.item.attendance', { n });
  };
}

/**
 * Records 採用 / 不採用 of an item after asking the reason in a dialog (nothing when the person
 * cancels), or takes it back. Each names the override the person saw, so someone else's change
 * meanwhile is not overwritten (the server answers 409); the overrides reload after either.
 * The tab renders the one dialog (`dialog`) for all its rows and keys.
 */
export function useItemOverride(dossierId: string) {
  const dataProvider = useShinsaDataProvider();
  const reloadAll = useReload();
  const notify = useNotify();
  const [asking, setAsking] = useState<OverrideRequest | null>(null);
  const reload = () => reloadAll(queryKeys.itemOverrides(dossierId));
  const save = useMutation({
    mutationFn: ({ request, reason }: { request: OverrideRequest; reason: string }) =>
      dataProvider.setItemOverride(dossierId, {
        ref: request.ref,
        accepted: request.accepted,
        reason,
        expected: request.expected,
      }),
    onSuccess: async () => {
      setAsking(null);
      await reload();
      notify('shinsa.override.saved', { type: 'success' });
    },
    // Shown in the dialog, the reason kept; the latest overrides are fetched meanwhile.
    onError: () => reload(),
  });
  const remove = useMutation({
    mutationFn: (override: { ref: string; expected: string | null }) =>
      dataProvider.removeItemOverride(dossierId, override),
    onSuccess: () => reload(),
    onError: (e: Error) => {
      notify(e.message, { type: 'error' });
      return reload();
    },
  });
  return {
    decide(ref: string, accepted: boolean, seen: ItemOverride | undefined) {
      save.reset();
      setAsking({ ref, accepted, expected: seen?.decidedAt ?? null });
    },
    clear(ref: string, seen: ItemOverride | undefined) {
      remove.mutate({ ref, expected: seen?.decidedAt ?? null });
    },
    dialog: {
      request: asking,
      saving: save.isPending,
      error: save.error?.message ?? null,
      onSubmit: (reason: string) => asking && save.mutate({ request: asking, reason }),
      onClose: () => setAsking(null),
    },
  };
}

export type ItemOverrideActions = ReturnType<typeof useItemOverride>;

/**
 * 採用 / 不採用 of one case or attendance against the automatic result, with a reason; the
 * dossier's checks run again and the counts follow.
 */
export function ItemOverrideField({
  actions,
  revision,
  overrides,
  kind,
}: {
  actions: ItemOverrideActions;
  /** The dossier's current revision: an override made on an older one is marked. */
  revision: number;
  overrides: ItemOverride[];
  kind: 'case' | 'attendance';
}) {
  const item = useRecordContext<{ sheetNo?: number; caseNo?: number; no?: number }>();
  const translate = useTranslate();
  const { decide, clear } = actions;
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
