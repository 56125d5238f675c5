import { FILE_SPECS } from './csv/file-specs.js';
import { columnOf, tableMapping } from './table-mapping.js';

const c = (field: string, name: string, type = 'text') => ({ field, name, type });

/** The mapping as it was written by hand before it was derived from the file specs. */
const EXPECTED = {
  'societies.csv': {
    table: 'societies',
    key: ['round_id', 'code'],
    columns: [c('code', 'code'), c('name', 'name')],
  },
  'meetings.csv': {
    table: 'meetings',
    key: ['round_id', 'code'],
    columns: [
      c('code', 'code'),
      c('societyCode', 'society_code'),
      c('name', 'name'),
      c('startsOn', 'starts_on', 'date'),
      c('endsOn', 'ends_on', 'date'),
      c('kind', 'kind'),
    ],
  },
  'facilities.csv': {
    table: 'facilities',
    key: ['round_id', 'facility_no'],
    columns: [
      c('facilityNo', 'facility_no'),
      c('name', 'name'),
      c('postalCode', 'postal_code'),
      c('prefecture', 'prefecture'),
      c('address', 'address'),
    ],
  },
  'elearning.csv': {
    table: 'elearning_results',
    key: ['round_id', 'cert_no', 'field'],
    columns: [
      c('certNo', 'cert_no'),
      c('field', 'field'),
      c('completedAt', 'completed_at', 'timestamptz'),
      c('miniTestScore', 'mini_test_score', 'integer'),
    ],
  },
  'payments.csv': {
    table: 'payments',
    key: ['round_id', 'transaction_id'],
    columns: [
      c('transactionId', 'transaction_id'),
      c('certNo', 'cert_no'),
      c('item', 'item'),
      c('amount', 'amount', 'integer'),
      c('handlingFee', 'handling_fee', 'integer'),
      c('paidAt', 'paid_at', 'timestamptz'),
      c('method', 'method'),
      c('status', 'status'),
    ],
  },
  'address_changes.csv': {
    table: 'address_changes',
    key: ['round_id', 'receipt_no'],
    columns: [
      c('receiptNo', 'receipt_no'),
      c('certNo', 'cert_no'),
      c('receivedAt', 'received_at', 'timestamptz'),
      c('recipientName', 'recipient_name'),
      c('postalCode', 'postal_code'),
      c('prefecture', 'prefecture'),
      c('address', 'address'),
    ],
  },
  'mail.csv': {
    table: 'envelopes',
    key: ['round_id', 'receipt_no'],
    columns: [
      c('receiptNo', 'receipt_no'),
      c('arrivedOn', 'arrived_on', 'date'),
      c('postmarkedOn', 'postmarked_on', 'date'),
      c('mailKind', 'mail_kind'),
      c('trackingNo', 'tracking_no'),
      c('certNo', 'cert_no'),
      c('note', 'note'),
    ],
  },
};

describe('tableMapping', () => {
  it.each(Object.entries(EXPECTED))('stores %s as it always was', (file, expected) => {
    const spec = FILE_SPECS.find((s) => s.file === file)!;
    expect(tableMapping(spec)).toEqual(expected);
  });

  it('gives a table to every master and feed file, and none to the forms', () => {
    expect(FILE_SPECS.filter((s) => s.table).map((s) => s.file)).toEqual(Object.keys(EXPECTED));
    const form = FILE_SPECS.find((s) => s.group === 'form')!;
    expect(() => tableMapping(form)).toThrow(`${form.file} is not stored in a table of its own`);
  });

  it('names a column as its field in snake_case', () => {
    expect(columnOf('miniTestScore')).toBe('mini_test_score');
    expect(columnOf('field')).toBe('field');
  });
});
