import { Autocomplete, TextField } from '@mui/material';
import type { DossierListRow } from '@server/dossiers/dossier.views';
import { useState } from 'react';
import { useGetList, useInput, useTranslate, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Json } from '../common/json';

type Dossier = Json<DossierListRow>;

/**
 * The 認定番号 of a payment entered by hand, found as staff look people up: by name, kana of any
 * kind, part of the number or the workplace (the dossier list's search), within the round
 * chosen above. The field keeps the 認定番号; a number typed whole is taken as it is.
 */
export function ApplicantLookupInput({
  source,
  validate,
}: {
  source: string;
  validate?: Validator | Validator[];
}) {
  const translate = useTranslate();
  const roundId = useWatch({ name: 'roundId' }) as string | undefined;
  const { field, fieldState } = useInput({ source, validate });
  const [typed, setTyped] = useState('');
  const search = typed.trim();
  const found = useGetList<Dossier>(
    'dossiers',
    {
      filter: { roundId, q: search },
      sort: { field: 'kana', order: 'ASC' },
      pagination: { page: 1, perPage: 20 },
    },
    { enabled: Boolean(roundId) && search.length > 0 },
  );
  const options = found.data ?? [];
  const chosen = options.find((d) => d.certNo === field.value) ?? null;
  return (
    <Autocomplete<Dossier, false, false, true>
      id="payment-applicant"
      freeSolo
      options={options}
      value={chosen ?? (field.value ? String(field.value) : null)}
      filterOptions={(x) => x}
      loading={found.isFetching}
      getOptionLabel={(d) => (typeof d === 'string' ? d : `${d.certNo} ${d.name}`)}
      renderOption={(props, d) => (
        <li {...props} key={d.id}>
          {d.certNo} {d.name}({d.kana}){d.workplace ? ` ・${d.workplace}` : ''}
        </li>
      )}
      onInputChange={(_, value, reason) => {
        setTyped(value);
        // A 認定番号 typed whole stands for itself.
        if (reason === 'input') field.onChange(/^\d{6}$/.test(value.trim()) ? value.trim() : '');
      }}
      onChange={(_, value) =>
        field.onChange(typeof value === 'string' ? value.trim() : (value?.certNo ?? ''))
      }
      noOptionsText={
        search
          ? translate('shinsa.payments.lookup.none', { q: search })
          : translate('shinsa.payments.lookup.hint')
      }
      sx={{ minWidth: 360 }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('shinsa.payments.lookup.label')}
          helperText={
            fieldState.error?.message
              ? translate(fieldState.error.message)
              : translate('shinsa.payments.lookup.hint')
          }
          error={Boolean(fieldState.error)}
          required
        />
      )}
    />
  );
}
