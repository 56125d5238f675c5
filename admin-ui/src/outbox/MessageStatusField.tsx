import { Chip, Tooltip } from '@mui/material';
import type { MessageStatus } from '@server/outbox/outbox.views';
import { useRecordContext, useTranslate } from 'react-admin';

const COLOURS: Record<MessageStatus, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  draft: 'default',
  approved: 'info',
  sending: 'info',
  sent: 'success',
  unsent: 'warning',
  bounced: 'error',
  dropped: 'default',
};

/** 下書き / 承認済み / 送信済み / 未送信 / 送信不可 / 取り下げ, with the reason on hover. */
export function MessageStatusField(_: { source?: string; label?: string }) {
  const message = useRecordContext<{ status: MessageStatus; reason: string | null }>();
  const translate = useTranslate();
  if (!message) return null;
  const chip = (
    <Chip
      size="small"
      className={`mail-status mail-status-${message.status}`}
      color={COLOURS[message.status]}
      label={translate(`resources.mail-messages.status.${message.status}`)}
    />
  );
  return message.reason ? <Tooltip title={message.reason}>{chip}</Tooltip> : chip;
}
