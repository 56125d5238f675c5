import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, Link, Stack, Typography } from '@mui/material';
import { jstDay } from '@server/common/japan-time';
import type { EnvelopeDetail, EnvelopeRow } from '@server/envelopes/envelope.views';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DataTable,
  DateInput,
  Edit,
  FunctionField,
  HttpError,
  List,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useGetList,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useFormContext } from 'react-hook-form';
import { EmptyHint } from '../common/EmptyHint';
import type { Json } from '../common/json';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';

const MAIL_KINDS = [
  '簡易書留',
  '一般書留',
  'レターパックプラス',
  'レターパックライト',
  '普通郵便',
  'その他',
].map((id) => ({ id, name: id }));

type Envelope = Json<EnvelopeRow>;

interface Applicant {
  id: string;
  certNo: string;
  name: string;
  kana: string;
}

const applicantText = (d: Applicant) => `${d.certNo} ${d.name}(${d.kana})`;

/**
 * The applicant found by 認定番号, name, kana or workplace, searched on the server as they
 * type (the dossier list's search: kana of any width, variant kanji folded).
 */
function ApplicantInput() {
  const { watch } = useFormContext();
  const roundId = watch('roundId') as string | undefined;
  const certNo = watch('certNo') as string | undefined;
  const [q, setQ] = useState('');
  const { data } = useGetList<Applicant>(
    'dossiers',
    {
      filter: { roundId, q: q || certNo || undefined },
      pagination: { page: 1, perPage: 20 },
      sort: { field: 'certNo', order: 'ASC' },
    },
    { enabled: !!roundId },
  );
  return (
    <AutocompleteInput
      source="certNo"
      choices={data ?? []}
      optionValue="certNo"
      optionText={applicantText}
      // What was typed is searched as typed (山崎 太郎, やまざき, 勤務先); a chosen applicant's
      // text stands for its 認定番号.
      onInputChange={(_, value) =>
        setQ(data?.find((d) => applicantText(d) === value)?.certNo ?? value)
      }
      filterToQuery={(text: string) => ({ q: text })}
      helperText="resources.envelopes.helpers.certNo"
      fullWidth
    />
  );
}

function EnvelopeForm({ create = false }: { create?: boolean }) {
  return (
    <SimpleForm>
      {create ? <RoundFilter source="roundId" form /> : <TextInput source="receiptNo" disabled />}
      <Stack direction="row" spacing={2}>
        {/* A new envelope arrived today, as the mail room's Japan calendar counts days. */}
        <DateInput
          source="arrivedOn"
          validate={required()}
          defaultValue={create ? jstDay(new Date()) : undefined}
        />
        <DateInput source="postmarkedOn" helperText="resources.envelopes.helpers.postmarkedOn" />
      </Stack>
      <SelectInput source="mailKind" choices={MAIL_KINDS} validate={required()} />
      <TextInput source="trackingNo" />
      <ApplicantInput />
      <TextInput source="note" multiline fullWidth />
    </SimpleForm>
  );
}

/**
 * The envelope's scans (each opens, once the envelope is matched to a dossier), the dossier's
 * 郵便・書類 tab, and more scans (PDF, PNG or JPEG) added as its next pages.
 */
function ScanUpload() {
  const envelope = useRecordContext<Json<EnvelopeDetail>>();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReload();
  const dataProvider = useShinsaDataProvider();
  const input = useRef<HTMLInputElement>(null);
  const addScans = useMutation({
    mutationFn: ({ id, files }: { id: string; files: File[] }) => dataProvider.addScans(id, files),
    onSuccess: async (result) => {
      await reload();
      notify('resources.envelopes.scans_added', {
        type: 'success',
        messageArgs: { n: result.added },
      });
    },
    onError: (e) => notify(e instanceof HttpError ? e.message : String(e), { type: 'error' }),
    onSettled: () => {
      if (input.current) input.current.value = '';
    },
  });
  if (!envelope) return null;
  const upload = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    addScans.mutate({ id: envelope.id, files: Array.from(files) });
  };
  const scanUrl = (sha256: string) => `/api/dossiers/${envelope.dossierId}/scans/${sha256}`;
  return (
    <Box sx={{ p: 2 }} id="envelope-scans">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2">
          {translate('resources.envelopes.scans_count', { n: envelope.scans })}
        </Typography>
        {envelope.dossierId ? (
          <Button
            component={RouterLink}
            to={`/dossiers/${envelope.dossierId}/show/mail`}
            startIcon={<FolderOpenIcon />}
            id="envelope-dossier"
          >
            {translate('shinsa.console.envelope.open_dossier', { name: envelope.name ?? '' })}
          </Button>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate('shinsa.console.envelope.unmatched')}
          </Typography>
        )}
        <Button
          variant="outlined"
          startIcon={<UploadFileIcon />}
          onClick={() => input.current?.click()}
        >
          {translate('resources.envelopes.upload')}
        </Button>
        <input
          ref={input}
          id="scan-files"
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg,image/tiff"
          hidden
          onChange={(e) => upload(e.target.files)}
        />
      </Stack>
      {(envelope.scanFiles ?? []).length > 0 && (
        <Stack component="ol" spacing={0.5} sx={{ mt: 1, mb: 0, pl: 3 }}>
          {(envelope.scanFiles ?? []).map((scan) => (
            <Typography component="li" variant="body2" key={`${scan.sha256}-${scan.page}`}>
              {envelope.dossierId ? (
                <Link href={scanUrl(scan.sha256)} target="_blank" rel="noopener">
                  {scan.fileName}
                </Link>
              ) : (
                scan.fileName
              )}
            </Typography>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function EnvelopeList() {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <BooleanInput key="unmatched" source="unmatched" />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'receiptNo', order: 'DESC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable
        rowClick="edit"
        bulkActionButtons={false}
        empty={<EmptyHint first="shinsa.console.empty.envelopes" />}
      >
        <DataTable.Col source="receiptNo" />
        <DataTable.Col source="arrivedOn" />
        <DataTable.Col source="postmarkedOn" disableSort />
        <DataTable.Col source="mailKind" disableSort />
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort>
          <FunctionField<Envelope> render={(e) => e.name ?? (e.certNo ? '' : '—')} />
        </DataTable.Col>
        <DataTable.NumberCol source="scans" disableSort />
      </DataTable>
    </List>
  );
}

/** Registers an envelope; the toast names its new 受付番号 and its page opens for the scans. */
function EnvelopeCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (envelope: Envelope) => {
          notify('shinsa.console.envelope.registered', {
            type: 'success',
            messageArgs: { receiptNo: envelope.receiptNo },
          });
          redirect('edit', 'envelopes', envelope.id);
        },
      }}
    >
      <EnvelopeForm create />
    </Create>
  );
}

/** The mail room's envelopes: imported with mail.csv, or registered and scanned here. */
export default {
  list: EnvelopeList,
  create: EnvelopeCreate,
  edit: () => (
    <Edit mutationMode="pessimistic">
      <ScanUpload />
      <EnvelopeForm />
    </Edit>
  ),
  icon: MarkunreadMailboxIcon,
  recordRepresentation: 'receiptNo',
};
