import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Button, Chip, Stack, Tooltip } from '@mui/material';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { callApi } from '../common/api';

export interface ItemOverride {
  ref: string;
  accepted: boolean;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  /** The dossier's revision the reviewer looked at. */
  revision: number;
}

/**
 * Records 採用 / 不採用 of an item after asking the reason; false when the person cancelled.
 * It names the override the person saw, so someone else's change meanwhile is not overwritten
 * (the server answers 409 and the caller reloads).
 */
export async function overrideItem(
  dossierId: string,
  ref: string,
  accepted: boolean,
  seen: ItemOverride | undefined,
  askReason: (ref: string) => string | null,
): Promise<boolean> {
  const reason = askReason(ref);
  if (!reason?.trim()) return false;
  await callApi(`/api/dossiers/${dossierId}/overrides`, {
    method: 'PUT',
    json: { ref, accepted, reason, expected: seen?.decidedAt ?? null },
  });
  return true;
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
  onChange,
}: {
  dossierId: string;
  /** The dossier's current revision: an override made on an older one is marked. */
  revision: number;
  overrides: ItemOverride[];
  kind: 'case' | 'attendance';
  onChange: () => void;
}) {
  const item = useRecordContext<{ sheetNo?: number; caseNo?: number; no?: number }>();
  const translate = useTranslate();
  const notify = useNotify();
  if (!item) return null;
  const ref = kind === 'case' ? `case:${item.sheetNo}-${item.caseNo}` : `attendance:${item.no}`;
  const current = overrides.find((o) => o.ref === ref);
  const set = async (accepted: boolean) => {
    try {
      const saved = await overrideItem(dossierId, ref, accepted, current, (r) =>
        window.prompt(translate('shinsa.override.reason_prompt', { ref: r })),
      );
      if (!saved) return;
      notify('shinsa.override.saved', { type: 'success' });
      onChange();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
      onChange(); // after a conflict: show the latest
    }
  };
  const clear = async () => {
    try {
      await callApi(
        `/api/dossiers/${dossierId}/overrides?ref=${encodeURIComponent(ref)}&expected=${encodeURIComponent(current?.decidedAt ?? '')}`,
        { method: 'DELETE' },
      );
      onChange();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
      onChange();
    }
  };
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
          <Button size="small" onClick={clear}>
            {translate('shinsa.override.clear')}
          </Button>
        </>
      ) : (
        <>
          <Button size="small" onClick={() => set(true)}>
            {translate('shinsa.override.accept')}
          </Button>
          <Button size="small" color="error" onClick={() => set(false)}>
            {translate('shinsa.override.reject')}
          </Button>
        </>
      )}
    </Stack>
  );
}
