import { Autocomplete, TextField } from '@mui/material';
import type { DossierListRow } from '@server/dossiers/dossier.views';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { useCurrentRoundId } from '../common/RoundSelect';

type Dossier = Json<DossierListRow>;

/** An applicant of the current round, found by 認定番号, name or kana, to preview a template on. */
export function PreviewApplicant({
  value,
  onChange,
}: {
  value: string;
  onChange: (dossierId: string) => void;
}) {
  const translate = useTranslate();
  const roundId = useCurrentRoundId();
  const [typed, setTyped] = useState('');
  const found = useGetList<Dossier>('dossiers', {
    filter: { roundId, q: typed.trim() },
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'certNo', order: 'ASC' },
  });
  const options = found.data ?? [];
  return (
    <Autocomplete
      id="template-preview-applicant"
      options={options}
      value={options.find((d) => String(d.id) === value) ?? null}
      getOptionLabel={(d) => `${d.certNo} ${d.name}`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      onInputChange={(_, text) => setTyped(text)}
      onChange={(_, d) => onChange(d ? String(d.id) : '')}
      renderInput={(params) => (
        <TextField
          {...params}
          margin="normal"
          label={translate('resources.mail-templates.preview_on')}
        />
      )}
    />
  );
}
