import type { BatchRow } from '@server/outbox/outbox.views';
import { DataTable, FunctionField, List, TopToolbar, useTranslate } from 'react-admin';
import type { Json } from '../common/json';
import { JstDateTimeField } from '../common/JstDateTimeField';
import { RoundFilter } from '../common/RoundFilter';
import { useCurrentRoundList } from '../common/RoundSelect';
import { BatchCreateButton } from './BatchCreateDialog';

type Batch = Json<BatchRow>;

/** How many messages of each status, as `下書き 3・送信済み 10`. */
export function CountsField() {
  const translate = useTranslate();
  return (
    <FunctionField<Batch>
      render={(b) =>
        Object.entries(b.counts)
          .map(([status, n]) => `${translate(`resources.mail-messages.status.${status}`)} ${n}`)
          .join('・')
      }
    />
  );
}

/** Batches of e-mails drafted, approved, sent. */
export function BatchList() {
  return (
    <List
      {...useCurrentRoundList()}
      empty={false}
      filters={[<RoundFilter key="roundId" source="roundId" alwaysOn />]}
      sort={{ field: 'id', order: 'DESC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <BatchCreateButton />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="title" disableSort />
        <DataTable.Col source="dueBy" disableSort />
        <DataTable.Col source="sendAfter" disableSort>
          <JstDateTimeField source="sendAfter" />
        </DataTable.Col>
        <DataTable.Col source="counts" disableSort>
          <CountsField />
        </DataTable.Col>
        <DataTable.Col source="createdBy" disableSort />
        <DataTable.Col source="approvedBy" disableSort />
      </DataTable>
    </List>
  );
}
