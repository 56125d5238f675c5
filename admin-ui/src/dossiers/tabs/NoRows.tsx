import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** What a tab's table shows when the dossier has none of its rows. */
export function NoRows() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
      {translate('shinsa.dossiers.none')}
    </Typography>
  );
}
