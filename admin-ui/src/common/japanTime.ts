import { formatJst, japaneseDate, japaneseDateTime } from '@server/common/japan-time';

/** A moment as the secretariat reads it: Japan time, 24-hour, whatever the PC's zone. */
export const japanDateTime = (iso: string | Date) => japaneseDateTime(new Date(iso));

/** The time of day in Japan, `14:05`: a range of moments on one day. */
export const japanTimeOfDay = (iso: string | Date) => formatJst(new Date(iso)).slice(11, 16);

/** The Japanese calendar day of a moment, `2026年4月1日`. */
export const japanDay = (iso: string | Date) => japaneseDate(formatJst(new Date(iso)));
