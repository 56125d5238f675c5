/** A moment as the secretariat reads it: Japan time, 24-hour, whatever the PC's zone. */
export const japanDateTime = (iso: string | Date) =>
  new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });
