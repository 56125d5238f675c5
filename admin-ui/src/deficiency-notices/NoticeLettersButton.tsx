import PrintIcon from '@mui/icons-material/Print';
import {
  Button,
  Checkbox,
  FormControlLabel,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useListContext, useTranslate } from 'react-admin';

const todayJst = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * The notices the list shows (its filter) as PDF letters for those without e-mail, dated as
 * chosen when printing: the server writes them, the browser saves the file.
 */
export function NoticeLettersButton() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [letterDate, setLetterDate] = useState(todayJst());
  const [withoutEmail, setWithoutEmail] = useState(true);
  const href =
    `/api/deficiency-notices/letters.pdf?filter=${encodeURIComponent(JSON.stringify(filterValues))}` +
    `&letterDate=${encodeURIComponent(letterDate)}` +
    (withoutEmail ? '&withoutEmail=true' : '');
  return (
    <>
      <Button
        size="small"
        startIcon={<PrintIcon />}
        onClick={() => setOpen(true)}
        id="notices-letters"
      >
        {translate('resources.deficiency-notices.letters')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('resources.deficiency-notices.letters')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('resources.deficiency-notices.letters_help')}
          </Typography>
          <TextField
            id="notices-letter-date"
            type="date"
            label={translate('resources.deficiency-notices.letter_date')}
            value={letterDate}
            onChange={(e) => setLetterDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <FormControlLabel
            sx={{ display: 'block', mt: 1 }}
            control={
              <Checkbox
                id="notices-without-email"
                checked={withoutEmail}
                onChange={(e) => setWithoutEmail(e.target.checked)}
              />
            }
            label={translate('resources.deficiency-notices.without_email')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            href={href}
            disabled={!letterDate}
            onClick={() => setOpen(false)}
            id="notices-letters-download"
          >
            {translate('resources.deficiency-notices.letters_download')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
