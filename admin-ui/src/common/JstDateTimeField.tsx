import { DateField } from 'react-admin';

/** A moment shown as the secretariat reads it: Japan time, Japanese format, whatever the PC's zone. */
export function JstDateTimeField({ source }: { source: string; label?: string }) {
  return (
    <DateField source={source} showTime locales="ja-JP" options={{ timeZone: 'Asia/Tokyo' }} />
  );
}
