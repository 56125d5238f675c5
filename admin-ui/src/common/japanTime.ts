/** A moment as the secretariat reads it: Japan time, 24-hour, whatever the PC's zone. */
export const japanDateTime = (iso: string | Date) =>
  new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });

/** The time of day in Japan, `14:05`: a range of moments on one day. */
export const japanTimeOfDay = (iso: string | Date) =>
  new Date(iso).toLocaleTimeString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

/** The Japanese calendar day of a moment, `2026/4/1`. */
export const japanDay = (iso: string | Date) =>
  new Date(iso).toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo' });
