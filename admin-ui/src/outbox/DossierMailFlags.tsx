import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { useShinsaDataProvider } from '../providers/dataProvider';

/**
 * On the dossier page (郵便・書類), for the office: an address a mail server refused, and the
 * do-not-mail flag with its reason, set or lifted here.
 */
export function DossierMailFlags() {
  const dossier = useRecordContext<{ id: string }>();
  const { permissions } = usePermissions<string>();
  const office = permissions === 'admin' || permissions === 'secretariat';
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useShinsaDataProvider();
  const [reason, setReason] = useState('');
  const flags = useQuery({
    queryKey: ['dossiers', 'mail-flags', dossier?.id],
    queryFn: () => dataProvider.getMailFlags(dossier!.id),
    enabled: !!dossier && office,
  });
  const save = useMutation({
    mutationFn: (change: { doNotMail: boolean; clearBadAddress: boolean }) =>
      dataProvider.setMailFlags(dossier!.id, { ...change, reason }),
    onSuccess: async () => {
      setReason('');
      await flags.refetch();
      notify('resources.mail-flags.saved', { type: 'success' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  const f = flags.data;
  if (!office || !f) return null;
  const at = f.badAt ? new Date(f.badAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }) : '';
  return (
    <Box id="dossier-mail-flags" sx={{ mb: 2 }}>
      {f.badAddress && f.badIsCurrent && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {translate('resources.mail-flags.bad', { address: f.badAddress, at })}
        </Alert>
      )}
      {f.badAddress && !f.badIsCurrent && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('resources.mail-flags.bad_old', { address: f.badAddress })}
        </Alert>
      )}
      {f.doNotMail && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('resources.mail-flags.do_not_mail', { reason: f.doNotMailReason ?? '' })}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {!f.doNotMail && (
          <TextField
            size="small"
            label={translate('resources.mail-flags.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <Button
          size="small"
          disabled={save.isPending || (!f.doNotMail && !reason.trim())}
          onClick={() => save.mutate({ doNotMail: !f.doNotMail, clearBadAddress: false })}
        >
          {translate(
            f.doNotMail
              ? 'resources.mail-flags.unset_do_not_mail'
              : 'resources.mail-flags.set_do_not_mail',
          )}
        </Button>
        {f.badAddress && (
          <Button
            size="small"
            disabled={save.isPending}
            onClick={() => save.mutate({ doNotMail: f.doNotMail, clearBadAddress: true })}
          >
            {translate('resources.mail-flags.clear_bad')}
          </Button>
        )}
      </Stack>
    </Box>
  );
}
