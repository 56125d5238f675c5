import { japaneseDateTime } from '@server/common/japan-time';

/** A moment as the secretariat reads it: Japan time, 24-hour, whatever the PC's zone. */
export const japanDateTime = (iso: string | Date) => japaneseDateTime(new Date(iso));
