import PaymentsIcon from '@mui/icons-material/Payments';
import { Chip } from '@mui/material';
import {
  Create,
  CreateButton,
  DataTable,
  DateTimeInput,
  FilterButton,
  FunctionField,
  List,
  NumberInput,
  SearchInput,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  required,
  useTranslate,
} from 'react-admin';
import { CsvExportButton } from '../common/CsvExportButton';
import { EmptyHint } from '../common/EmptyHint';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { ApplicantLookupInput } from './ApplicantLookupInput';
import { PaymentSummary } from './PaymentSummary';

const RECONCILIATION = [
  'matched',
  'unmatched',
  'wrongAmount',
  'paidTwice',
  'cancelled',
  'refunded',
];
const COLOR: Record<string, 'success' | 'warning' | 'error' | 'default'> = {
  matched: 'success',
  unmatched: 'warning',
  wrongAmount: 'error',
  paidTwice: 'error',
  cancelled: 'default',
  refunded: 'default',
};
const choices = (ids: string[], prefix?: string) =>
  ids.map((id) => ({ id, name: prefix ? `${prefix}.${id}` : id }));

function ReconciliationField() {
  const translate = useTranslate();
  return (
    <FunctionField<{ reconciliation: string }>
      render={(p) => (
        <Chip
          size="small"
          color={COLOR[p.reconciliation]}
          label={translate(`shinsa.payments.reconciliation.${p.reconciliation}`)}
        />
      )}
    />
  );
}

/** Filters, hand entry, and the list as shown now in a file for Excel or to print. */
function PaymentActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <CsvExportButton
        path="/api/payments/export.csv"
        label="shinsa.payments.export_csv"
        id="payments-csv"
      />
      <CsvExportButton
        path="/api/payments/export.xlsx"
        label="shinsa.payments.export_xlsx"
        id="payments-xlsx"
      />
    </TopToolbar>
  );
}

function PaymentList() {
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <RoundFilter key="roundId" source="roundId" alwaysOn />,
    <SelectInput
      key="reconciliation"
      source="reconciliation"
      choices={choices(RECONCILIATION, 'shinsa.payments.reconciliation')}
      alwaysOn
    />,
    <SelectInput key="item" source="item" choices={choices(['更新審査料', '更新認定料'])} />,
  ];
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={filters}
      sort={{ field: 'paidAt', order: 'DESC' }}
      perPage={50}
      exporter={false}
      actions={<PaymentActions />}
    >
      <PaymentSummary order={RECONCILIATION} />
      <DataTable
        bulkActionButtons={false}
        rowClick={false}
        empty={<EmptyHint first="shinsa.console.empty.payments" />}
      >
        <DataTable.Col source="transactionId" />
        <DataTable.Col source="certNo" />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="item" disableSort />
        <DataTable.NumberCol source="amount" disableSort />
        <DataTable.NumberCol source="handlingFee" disableSort />
        <DataTable.Col source="paidAt">
          <JstDateTimeField source="paidAt" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort />
        <DataTable.Col source="reconciliation" disableSort>
          <ReconciliationField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function PaymentCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <RoundFilter source="roundId" form />
        <ApplicantLookupInput source="certNo" validate={required()} />
        <SelectInput
          source="item"
          choices={choices(['更新審査料', '更新認定料'])}
          validate={required()}
        />
        <NumberInput source="amount" validate={required()} />
        <NumberInput source="handlingFee" defaultValue={110} />
        <DateTimeInput source="paidAt" validate={required()} />
        <TextInput source="method" defaultValue="銀行振込" />
        <SelectInput
          source="status"
          choices={choices(['入金済', '取消', '返金'])}
          defaultValue="入金済"
        />
        <TextInput source="transactionId" helperText="resources.payments.helpers.transactionId" />
      </SimpleForm>
    </Create>
  );
}

/** Payments and their reconciliation; a transfer the provider does not know is entered by hand. */
export default { list: PaymentList, create: PaymentCreate, icon: PaymentsIcon };
