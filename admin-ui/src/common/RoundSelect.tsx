import { MenuItem, TextField } from '@mui/material';
import { useGetList, useStore, useTranslate } from 'react-admin';

/**
 * The round a page shows (remembered per page), the newest by default, and its select.
 * Returns the round's id ('' while the rounds load) and the element to place.
 */
export function useRoundSelect(storeKey: string, id?: string): [string, React.ReactElement] {
  const translate = useTranslate();
  const { data: rounds } = useGetList('rounds', {
    sort: { field: 'id', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  const [chosen, setChosen] = useStore<string>(storeKey, '');
  const round = chosen || (rounds?.[0]?.id as string | undefined) || '';
  const select = (
    <TextField
      select
      size="small"
      label={translate('shinsa.dashboard.round')}
      value={round}
      onChange={(e) => setChosen(e.target.value)}
      sx={{ width: 240 }}
      id={id}
    >
      {(rounds ?? []).map((r) => (
        <MenuItem key={r.id} value={r.id}>
          {r.label ?? r.id}
        </MenuItem>
      ))}
    </TextField>
  );
  return [round, select];
}
