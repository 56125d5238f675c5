import { Alert } from '@mui/material';
import {
  Create,
  FileField,
  FileInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  Toolbar,
  useTranslate,
} from 'react-admin';

/** Upload a zip or the CSV files of a bundle; a worker imports it and the page shows progress. */
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
        <ReferenceInput source="roundId" reference="rounds" sort={{ field: 'id', order: 'DESC' }}>
          <SelectInput optionText="label" validate={required()} />
        </ReferenceInput>
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
