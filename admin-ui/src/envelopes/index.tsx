import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button, Stack, Typography } from '@mui/material';
import type { EnvelopeRow } from '@server/envelopes/envelope.views';
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
  useTranslate,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import type { Json } from '../common/json';
import { RoundFilter } from '../common/RoundFilter';
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
      {create ? <RoundFilter source="roundId" /> : <TextInput source="receiptNo" disabled />}
      <Stack direction="row" spacing={2}>
        <DateInput source="arrivedOn" validate={required()} />
        <DateInput source="postmarkedOn" helperText="resources.envelopes.helpers.postmarkedOn" />
      </Stack>
      <SelectInput source="mailKind" choices={MAIL_KINDS} validate={required()} />
      <TextInput source="trackingNo" />
      <ApplicantInput />
      <TextInput source="note" multiline fullWidth />
    </SimpleForm>
  );
}

/** Scans of this envelope (PDF, PNG or JPEG), added as its next pages. */
function ScanUpload() {
  const envelope = useRecordContext<Envelope>();
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
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', p: 2 }}>
      <Typography variant="body2">
        {translate('resources.envelopes.scans_count', { n: envelope.scans })}
      </Typography>
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
      filters={filters}
      sort={{ field: 'receiptNo', order: 'DESC' }}
      perPage={50}
      exporter={false}
    >
      <DataTable rowClick="edit" bulkActionButtons={false}>
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

/** The mail room's envelopes: imported with mail.csv, or registered and scanned here. */
export default {
  list: EnvelopeList,
  create: () => (
    <Create redirect="edit">
      <EnvelopeForm create />
    </Create>
  ),
  edit: () => (
    <Edit mutationMode="pessimistic">
      <ScanUpload />
      <EnvelopeForm />
    </Edit>
  ),
  icon: MarkunreadMailboxIcon,
  recordRepresentation: 'receiptNo',
};
