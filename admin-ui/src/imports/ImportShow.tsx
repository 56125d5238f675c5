import DownloadIcon from '@mui/icons-material/Download';
import ReplayIcon from '@mui/icons-material/Replay';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  CreateButton,
  Labeled,
  Show,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ImportProgressBar, ImportStatusField, isRetrying, type ImportRun } from './importStatus';
import { JstDateTimeField } from '../common/JstDateTimeField';

interface RowProblem {
  line: number;
  column: string;
  reason: string;
  certNo?: string;
}

interface FileReport {
  file: string;
  encoding: string | null;
  rows: number;
  imported: number;
  changed: number;
  rejected: RowProblem[];
  rejectedWhole: boolean;
  warnings: string[];
}

interface ImportReport {
  files: FileReport[];
  dossiers: {
    imported: number;
    created: number;
    revised: number;
    unchanged: number;
    rejected: number;
  };
  rejectedDossiers: { certNo: string; problems: (RowProblem & { file: string })[] }[];
  queued: number;
  unmatched: Record<'payments' | 'elearning' | 'addressChanges' | 'mail', number>;
  attached: Record<'payments' | 'elearning' | 'addressChanges' | 'mail', number>;
  scans: { files: number; stored: number; alreadyStored: number; ignored: string[] };
  bundleError: string | null;
  warnings: string[];
  durationMs: number;
}

/** Rows shown on the page; the CSV holds them all. */
const SHOWN = 200;

const ENCODINGS: Record<string, string> = {
  cp932: 'Shift_JIS (CP932)',
  utf8: 'UTF-8',
  'utf8-bom': 'UTF-8 (BOM)',
};

/**
 * Opens the upload dialog on the import's round: a failed import keeps no files (its folder is
 * removed), and a refused one needs its files fixed first.
 */
function ImportAgainButton() {
  const run = useRecordContext<ImportRun>();
  if (!run) return null;
  return (
    <CreateButton
      resource="imports"
      label="shinsa.console.imports.again"
      icon={<ReplayIcon />}
      variant="contained"
      state={{ record: { roundId: run.roundId } }}
      id="import-again"
      sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
    />
  );
}

function Report() {
  const run = useRecordContext<ImportRun & { report: ImportReport | null }>();
  const translate = useTranslate();
  if (!run) return null;
  if (isRetrying(run)) {
    return (
      <Alert severity="warning" id="import-retrying">
        {translate('shinsa.console.imports.retrying_help', { error: run.error ?? '' })}
      </Alert>
    );
  }
  if (run.status === 'queued' || run.status === 'running') return <ImportProgressBar />;
  if (run.status === 'failed') {
    return (
      <Alert severity="error" id="import-failed" action={<ImportAgainButton />}>
        {translate('shinsa.imports.failed', { error: run.error ?? '' })}
      </Alert>
    );
  }
  const report = run.report;
  if (!report) return null;
  const problems = report.files.flatMap((f) => f.rejected.map((p) => ({ ...p, file: f.file })));
  const t = (key: string, options?: object) => translate(`shinsa.imports.report.${key}`, options);
  return (
    <Stack spacing={2}>
      {report.bundleError ? (
        <Alert severity="error" action={<ImportAgainButton />}>
          {translate('shinsa.console.imports.refused', { error: report.bundleError })}
        </Alert>
      ) : null}
      {[
        ...report.warnings,
        ...report.files.flatMap((f) => f.warnings.map((w) => `${f.file}: ${w}`)),
      ].map((w) => (
        <Alert key={w} severity="warning">
          {w}
        </Alert>
      ))}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Chip label={t('created', { n: report.dossiers.created })} />
        <Chip label={t('revised', { n: report.dossiers.revised })} />
        <Chip label={t('unchanged', { n: report.dossiers.unchanged })} />
        <Chip
          color={report.dossiers.rejected ? 'error' : 'default'}
          label={t('rejected', { n: report.dossiers.rejected })}
        />
        <Chip label={t('queued', { n: report.queued })} />
        <Chip
          label={t('unmatched', {
            payments: report.unmatched.payments,
            elearning: report.unmatched.elearning,
            addressChanges: report.unmatched.addressChanges,
            mail: report.unmatched.mail,
          })}
        />
        {report.scans.files ? (
          <Chip
            label={t('scans', { stored: report.scans.stored, already: report.scans.alreadyStored })}
          />
        ) : null}
      </Stack>
      <Box>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          href={`/api/imports/${run.id}/report.csv`}
          download
        >
          {t('download')}
        </Button>
      </Box>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6">{t('files')}</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('file')}</TableCell>
                <TableCell>{t('encoding')}</TableCell>
                <TableCell align="right">{t('rows')}</TableCell>
                <TableCell align="right">{t('imported')}</TableCell>
                <TableCell align="right">{t('changed')}</TableCell>
                <TableCell align="right">{t('problems')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.files.map((f) => (
                <TableRow
                  key={f.file}
                  sx={f.rejectedWhole ? { bgcolor: 'error.light' } : undefined}
                >
                  <TableCell>{f.file}</TableCell>
                  <TableCell>{f.encoding ? ENCODINGS[f.encoding] : ''}</TableCell>
                  <TableCell align="right">{f.rows.toLocaleString('ja-JP')}</TableCell>
                  <TableCell align="right">{f.imported.toLocaleString('ja-JP')}</TableCell>
                  <TableCell align="right">{f.changed.toLocaleString('ja-JP')}</TableCell>
                  <TableCell align="right">
                    {f.rejectedWhole ? t('whole') : f.rejected.length}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {problems.length > 0 ? (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="h6">{t('problem_rows', { n: problems.length })}</Typography>
            {problems.length > SHOWN ? (
              <Alert severity="info">{t('more_in_csv', { n: SHOWN })}</Alert>
            ) : null}
            <Table size="small" aria-label={t('problem_rows', { n: problems.length })}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('file')}</TableCell>
                  <TableCell>{t('line')}</TableCell>
                  <TableCell>{t('column')}</TableCell>
                  <TableCell>{t('certNo')}</TableCell>
                  <TableCell>{t('reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {problems.slice(0, SHOWN).map((p) => (
                  <TableRow key={`${p.file}:${p.line}:${p.column}`}>
                    <TableCell>{p.file}</TableCell>
                    <TableCell>{p.line}</TableCell>
                    <TableCell>{p.column}</TableCell>
                    <TableCell>{p.certNo ?? ''}</TableCell>
                    <TableCell>{p.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </Stack>
  );
}

function ImportTitle() {
  const run = useRecordContext<ImportRun>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.imports.name', { smart_count: 1 })}
      {run ? `: ${run.sourceName}` : ''}
    </span>
  );
}

export function ImportShow() {
  return (
    // While a worker runs the import, the page asks again every second.
    <Show
      title={<ImportTitle />}
      queryOptions={{
        refetchInterval: (query) =>
          ['queued', 'running'].includes((query.state.data as ImportRun | undefined)?.status ?? '')
            ? // Waiting to try again takes seconds to a minute: no need to ask every second.
              isRetrying(query.state.data as ImportRun)
              ? 5000
              : 1000
            : false,
      }}
    >
      <Stack spacing={2} sx={{ p: 2 }}>
        <Stack direction="row" spacing={4}>
          <Labeled source="createdAt">
            <JstDateTimeField source="createdAt" />
          </Labeled>
          <Labeled source="roundId">
            <TextField source="roundId" />
          </Labeled>
          <Labeled source="sourceName">
            <TextField source="sourceName" />
          </Labeled>
          <Labeled source="requestedBy">
            <TextField source="requestedBy" />
          </Labeled>
          <Labeled source="status">
            <ImportStatusField />
          </Labeled>
        </Stack>
        <Report />
      </Stack>
    </Show>
  );
}
