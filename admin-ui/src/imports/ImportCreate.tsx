import { Alert } from '@mui/material';
import {
  Create,
  FileField,
  FileInput,
  required,
  SaveButton,
  SimpleForm,
  Toolbar,
  useTranslate,
} from 'react-admin';
import { RoundFilter } from '../common/RoundFilter';

/**
 * Upload a zip or the CSV files of a bundle; a worker imports it and the page shows progress.
 * The round is the current one, or the failed import's when 「もう一度取り込む」 opened it.
 */
export function ImportCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="show" mutationMode="pessimistic">
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton label="shinsa.imports.start" />
          </Toolbar>
        }
      >
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('shinsa.imports.help')}
        </Alert>
        <RoundFilter source="roundId" form />
        <FileInput
          source="files"
          multiple
          accept={{ 'application/zip': ['.zip'], 'text/csv': ['.csv'] }}
          validate={required()}
        >
          <FileField source="src" title="title" />
        </FileInput>
      </SimpleForm>
    </Create>
  );
}
