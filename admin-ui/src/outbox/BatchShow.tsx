import { Stack } from '@mui/material';
import {
  DateField,
  FunctionField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import type { BatchRow } from '@server/outbox/outbox.views';
import type { Json } from '../common/json';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { ApproveButton } from './ApproveDialog';
import { CountsField } from './BatchList';
import { MessageTable } from './MessageList';

/** One batch: its terms, approval, and its messages with their status. */
export function BatchShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <TextField source="title" variant="h6" />
          <ApproveButton />
        </Stack>
        <TextField source="roundId" />
        <DateField source="dueBy" emptyText="-" />
        <JstDateTimeField source="sendAfter" />
        <CountsField />
        <FunctionField<Json<BatchRow>>
          source="attachments"
          render={(b) => b.attachments.map((a) => a.fileName).join('、') || '-'}
        />
        <TextField source="createdBy" />
        <JstDateTimeField source="createdAt" />
        <TextField source="approvedBy" emptyText="-" />
        <JstDateTimeField source="approvedAt" />
        <ReferenceManyField
          reference="mail-messages"
          target="batchId"
          label="resources.mail-batches.messages"
          perPage={100}
          sort={{ field: 'id', order: 'ASC' }}
        >
          <MessageTable />
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
