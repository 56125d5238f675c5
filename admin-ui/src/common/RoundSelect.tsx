import { MenuItem, TextField } from '@mui/material';
import { useGetList, useStore, useTranslate } from 'react-admin';

/** The rounds as every round select lists them: the newest first. */
export function useRounds() {
  return useGetList<{ id: string; label?: string }>('rounds', {
    sort: { field: 'id', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
}

/** The current round: the newest ('' while the rounds load). */
export function useCurrentRoundId(): string {
  const { data: rounds } = useRounds();
  return (rounds?.[0]?.id as string | undefined) ?? '';
}

/**
 * Props of a list filtered by round that opens on the current round: its default filter, and
 * no fetch until the rounds are known (a first page of every round would be thrown away).
 * A filter the person chose (kept by react-admin) wins over the default.
 */
export function useCurrentRoundList(source = 'roundId') {
  const { data: rounds, isPending } = useRounds();
  const current = rounds?.[0]?.id as string | undefined;
  return {
    filterDefaultValues: current ? { [source]: current } : {},
    queryOptions: { enabled: !isPending },
  };
}

/**
 * The round a page shows (remembered per page), the newest by default, and its select.
 * Returns the round's id ('' while the rounds load) and the element to place.
 */
export function useRoundSelect(storeKey: string, id?: string): [string, React.ReactElement] {
  const translate = useTranslate();
  const { data: rounds } = useRounds();
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
