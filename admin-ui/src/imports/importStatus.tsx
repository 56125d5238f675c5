import { Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

export interface ImportProgress {
  phase: string;
  file?: string;
  filesDone: number;
  filesTotal: number;
  rows: number;
}

export interface ImportRun {
  id: string;
  roundId: string;
  sourceName: string;
  status: 'queued' | 'running' | 'done' | 'rejected' | 'failed';
  exitCode: 0 | 1 | 2 | null;
  requestedBy: string | null;
  progress: ImportProgress | Record<string, never>;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const COLORS = { 0: 'success', 1: 'warning', 2: 'error' } as const;

/** An attempt failed and the job waits to try again (the server keeps it queued with the error). */
export const isRetrying = (run: ImportRun) => run.status === 'queued' && !!run.error;

/** Where an import stands, in words and colour: done with all rows, some rejected, refused… */
export function ImportStatusField() {
  const run = useRecordContext<ImportRun>();
  const translate = useTranslate();
  if (!run) return null;
  if (run.status === 'done' || run.status === 'rejected') {
    const code = (run.exitCode ?? 2) as 0 | 1 | 2;
    return (
      <Chip size="small" color={COLORS[code]} label={translate(`shinsa.imports.outcome.${code}`)} />
    );
  }
  if (run.status === 'failed')
    return <Chip size="small" color="error" label={translate('shinsa.imports.status.failed')} />;
  if (isRetrying(run))
    return (
      <Chip size="small" color="warning" label={translate('shinsa.console.imports.retrying')} />
    );
  return <ImportProgressBar />;
}

export function ImportProgressBar() {
  const run = useRecordContext<ImportRun>();
  const translate = useTranslate();
  if (!run) return null;
  const p = run.progress as ImportProgress;
  const ratio = p.filesTotal ? (100 * p.filesDone) / p.filesTotal : 0;
  return (
    <Stack spacing={0.5} sx={{ minWidth: 180 }}>
      <Typography variant="body2">
        {translate(`shinsa.imports.phase.${p.phase ?? 'queued'}`)}
        {p.file ? ` ${p.file}` : ''}
        {p.rows
          ? ` ${translate('shinsa.imports.rows_read', { rows: p.rows.toLocaleString('ja-JP') })}`
          : ''}
      </Typography>
      <LinearProgress variant={ratio ? 'determinate' : 'indeterminate'} value={ratio} />
    </Stack>
  );
}
