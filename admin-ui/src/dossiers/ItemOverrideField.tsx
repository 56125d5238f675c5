import { Button, Chip, Stack } from '@mui/material';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import { callApi } from '../common/api';

export interface ItemOverride {
  ref: string;
  accepted: boolean;
  reason: string;
  decidedBy: string;
}

/**
 * 採用 / 不採用 of one case or attendance against the automatic result, with a reason; the
 * dossier's checks run again and the counts follow.
 */
export function ItemOverrideField({
  dossierId,
  overrides,
  kind,
  onChange,
}: {
  dossierId: string;
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
    const reason = window.prompt(translate('shinsa.override.reason_prompt', { ref }));
    if (!reason?.trim()) return;
    try {
      await callApi(`/api/dossiers/${dossierId}/overrides`, {
        method: 'PUT',
        json: { ref, accepted, reason },
      });
      notify('shinsa.override.saved', { type: 'success' });
      onChange();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const clear = async () => {
    try {
      await callApi(`/api/dossiers/${dossierId}/overrides?ref=${encodeURIComponent(ref)}`, {
        method: 'DELETE',
      });
      onChange();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
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
