import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { TemplateRow } from '@server/outbox/outbox.views';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Title, useGetOne, useNotify, usePermissions, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import type { Json } from '../common/json';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { PreviewApplicant } from './PreviewApplicant';

type Template = Omit<Json<TemplateRow>, 'id'> & { id: string };

/**
 * A template edited by an admin, with its merge fields, and previewed as it now reads on an
 * applicant chosen from the round: what they would get, and whether they are due it.
 */
export function TemplateEdit() {
  const { id } = useParams<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions<string>();
  const dataProvider = useShinsaDataProvider();
  const template = useGetOne<Template>('mail-templates', { id: id! });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [dossierId, setDossierId] = useState('');
  const [dueBy, setDueBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const loaded = template.data;
  useEffect(() => {
    if (loaded) {
      setSubject(loaded.subject);
      setBody(loaded.body);
    }
  }, [loaded]);
  const preview = useQuery({
    queryKey: ['mail-templates', id, 'preview', subject, body, dossierId, dueBy],
    queryFn: () => dataProvider.previewMail(id!, { subject, body, dossierId, dueBy }),
    enabled: !!dossierId && !!loaded,
  });
  const save = useMutation({
    mutationFn: async () =>
      (
        await dataProvider.update<Template>('mail-templates', {
          id: id!,
          data: { subject, body, version: loaded!.version },
          previousData: loaded!,
        })
      ).data,
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      const counts = saved as unknown as { rewritten: number; backToDraft: number };
      notify('resources.mail-templates.saved', { type: 'success', messageArgs: counts });
      void template.refetch();
    },
    onError: (e: Error) => setError(e.message),
  });
  const insert = (field: string) => {
    const area = bodyRef.current;
    const at = area?.selectionStart ?? body.length;
    setBody(`${body.slice(0, at)}{{${field}}}${body.slice(at)}`);
  };
  if (!loaded) return null;
  const admin = permissions === 'admin';
  return (
    <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ mt: 2 }}>
      <Title title={loaded.title} />
      <Card sx={{ flex: 1 }}>
        <CardContent>
          <Typography variant="h6">{loaded.title}</Typography>
          {!admin && (
            <Alert severity="info" sx={{ my: 1 }}>
              {translate('resources.mail-templates.admin_only')}
            </Alert>
          )}
          <TextField
            id="template-subject"
            fullWidth
            margin="normal"
            label={translate('resources.mail-templates.fields.subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            disabled={!admin}
          />
          <Box sx={{ my: 1 }}>
            <Typography variant="caption">
              {translate('resources.mail-templates.fields_help')}
            </Typography>
            {loaded.fields.map((f) => (
              <Chip
                key={f}
                size="small"
                label={`{{${f}}}`}
                onClick={admin ? () => insert(f) : undefined}
                sx={{ mr: 0.5, mb: 0.5 }}
              />
            ))}
          </Box>
          <TextField
            id="template-body"
            inputRef={bodyRef}
            fullWidth
            multiline
            minRows={16}
            label={translate('resources.mail-templates.fields.body')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            disabled={!admin}
          />
          {error && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
          {admin && (
            <Button
              id="template-save"
              variant="contained"
              sx={{ mt: 2 }}
              disabled={save.isPending}
              onClick={() => save.mutate()}
            >
              {translate('ra.action.save')}
            </Button>
          )}
        </CardContent>
      </Card>
      <Card sx={{ flex: 1 }}>
        <CardContent>
          <Typography variant="h6">{translate('resources.mail-templates.preview')}</Typography>
          <PreviewApplicant value={dossierId} onChange={setDossierId} />
          <TextField
            type="date"
            margin="normal"
            label={translate('resources.mail-templates.preview_due_by')}
            value={dueBy}
            onChange={(e) => setDueBy(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {preview.error && <Alert severity="error">{preview.error.message}</Alert>}
          {preview.data && (
            <Box id="template-preview">
              {preview.data.problems.map((p) => (
                <Alert key={p.message} severity="error" sx={{ mb: 1 }}>
                  {p.message}
                </Alert>
              ))}
              {!preview.data.due && (
                <Alert severity="info" sx={{ mb: 1 }}>
                  {translate('resources.mail-templates.preview_not_due')}
                </Alert>
              )}
              {preview.data.undeliverable && (
                <Alert severity="warning" sx={{ mb: 1 }}>
                  {translate('resources.mail-templates.preview_blocked', {
                    reason: preview.data.undeliverable,
                  })}
                </Alert>
              )}
              {preview.data.mail && (
                <>
                  <Typography variant="body2" color="text.secondary">
                    {preview.data.recipient}
                  </Typography>
                  <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
                    {preview.data.mail.subject}
                  </Typography>
                  <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
                    {preview.data.mail.body}
                  </Box>
                </>
              )}
            </Box>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
