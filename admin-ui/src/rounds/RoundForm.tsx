import {
  DateInput,
  NumberInput,
  required,
  SaveButton,
  SimpleForm,
  Toolbar,
  TextInput,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { Typography } from '@mui/material';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\+09:00|Z|[+-]\d{2}:\d{2})?$/;
const dateTime = (value: string) =>
  value && !DATE_TIME.test(value)
    ? '2021-09-16T23:59:59+09:00 の形式で入力してください'
    : undefined;
const wholeNumber = (min: number) => (value: number) =>
  value === null || value === undefined || !Number.isInteger(value) || value < min
    ? `${min} 以上の整数を入力してください`
    : undefined;

function Section({ label }: { label: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 'bold' }}>
      {translate(label)}
    </Typography>
  );
}

const DATE_TIME_HELP = '日本時間。例: 2021-09-16T23:59:59+09:00';

/** The settings of formats.md, grouped as the secretariat thinks of them. */
export function RoundForm({
  creating,
  ...props
}: { creating?: boolean } & Omit<SimpleFormProps, 'children'>) {
  return (
    // Rounds are never deleted (every dossier of the round points at them): save only.
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
      {...props}
    >
      <Section label="shinsa.rounds.section.basic" />
      <TextInput source="round" validate={required()} disabled={!creating} helperText="例: 2021" />
      <TextInput source="label" validate={required()} helperText="例: 2021年度" />

      <Section label="shinsa.rounds.section.deadlines" />
      <TextInput
        source="applicationOpens"
        validate={[required(), dateTime]}
        helperText={DATE_TIME_HELP}
      />
      <TextInput
        source="reviewFeeDeadline"
        validate={[required(), dateTime]}
        helperText={DATE_TIME_HELP}
      />
      <TextInput
        source="elearningDeadline"
        validate={[required(), dateTime]}
        helperText={DATE_TIME_HELP}
      />
      <TextInput
        source="registrationDeadline"
        validate={[required(), dateTime]}
        helperText={DATE_TIME_HELP}
      />
      <DateInput source="postmarkDeadline" validate={required()} />

      <Section label="shinsa.rounds.section.cutoffs" />
      <DateInput source="resultsAddressCutoff" validate={required()} />
      <DateInput source="certificateAddressCutoff" validate={required()} />
      <DateInput source="renewalDate" validate={required()} />

      <Section label="shinsa.rounds.section.fees" />
      <NumberInput source="fees.review" validate={wholeNumber(0)} />
      <NumberInput source="fees.certification" validate={wholeNumber(0)} />
      <NumberInput source="fees.handling" validate={wholeNumber(0)} />

      <Section label="shinsa.rounds.section.requirements" />
      <NumberInput source="requirements.cases" validate={wholeNumber(1)} />
      <NumberInput source="requirements.maxCases" validate={wholeNumber(1)} />
      <NumberInput source="requirements.attendances" validate={wholeNumber(1)} />
      <NumberInput source="requirements.maxAttendances" validate={wholeNumber(1)} />
      <NumberInput source="requirements.electives" validate={wholeNumber(0)} />
      <NumberInput source="pinBadgeAtRenewal" validate={wholeNumber(1)} />

      <Section label="shinsa.rounds.section.sender" />
      <TextInput source="sender.organisation" />
      <TextInput source="sender.postalCode" />
      <TextInput source="sender.address" fullWidth />
      <TextInput source="sender.telephone" />
    </SimpleForm>
  );
}
