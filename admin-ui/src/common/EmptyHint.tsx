import InboxIcon from '@mui/icons-material/Inbox';
import { Stack, Typography } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

/**
 * What a list's table shows when it has no rows (the list keeps its filters and buttons: it is
 * given `empty={false}`): what to do first, or, when a filter beyond the round is set, that
 * nothing matches it.
 */
export function EmptyHint({ first }: { first: string }) {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const filtered = Object.entries(filterValues ?? {}).some(
    ([key, value]) => key !== 'roundId' && value !== undefined && value !== null && value !== '',
  );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', p: 2 }} className="empty-hint">
      <InboxIcon color="disabled" />
      <Typography variant="body2" color="text.secondary">
        {translate(filtered ? 'shinsa.console.empty.filtered' : first)}
      </Typography>
    </Stack>
  );
}
