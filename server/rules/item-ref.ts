/**
 * What a check result, an override or a document mark is about, as check-input.ts writes it
 * (`case:2-15`, `sheet:2`, `attendance:3`, `payment:<取引番号>`, `mail:<受付番号>`), read back
 * into its parts, and said the way people say it (症例一覧表(2) 15 行目). Pure and free of
 * imports: the console reads refs through the same parser (admin-ui/src/common/itemLabels.ts).
 */
export type ItemRef =
  | { kind: 'case'; sheetNo: number; row: number }
  | { kind: 'sheet'; sheetNo: number }
  | { kind: 'attendance'; no: number }
  | { kind: 'payment'; transactionId: string }
  | { kind: 'mail'; receiptNo: string };

/** The parts of a ref, or null for none or one of no known form. */
export function parseItemRef(ref: string | null | undefined): ItemRef | null {
  if (!ref) return null;
  const at = ref.indexOf(':');
  const kind = ref.slice(0, at);
  const rest = ref.slice(at + 1);
  if (at < 1 || !rest) return null;
  const sheetRow = /^(\d+)-(\d+)$/.exec(rest);
  if (kind === 'case' && sheetRow) {
    return { kind, sheetNo: Number(sheetRow[1]), row: Number(sheetRow[2]) };
  }
  if (kind === 'sheet' && /^\d+$/.test(rest)) return { kind, sheetNo: Number(rest) };
  if (kind === 'attendance' && /^\d+$/.test(rest)) return { kind, no: Number(rest) };
  if (kind === 'payment') return { kind, transactionId: rest };
  if (kind === 'mail') return { kind, receiptNo: rest };
  return null;
}

/** A ref in Japanese, for the server's messages: 症例一覧表(1) 6 行目, 参加証明 3, …; '' for none. */
export function itemRefLabel(ref: string | null | undefined): string {
  const item = parseItemRef(ref);
  if (!item) return ref ? '指定の項目' : '';
  switch (item.kind) {
    case 'case':
      return `症例一覧表(${item.sheetNo}) ${item.row} 行目`;
    case 'sheet':
      return `症例一覧表(${item.sheetNo})`;
    case 'attendance':
      return `参加証明 ${item.no}`;
    case 'payment':
      return `入金(取引番号 ${item.transactionId})`;
    case 'mail':
      return `郵便 ${item.receiptNo}`;
  }
}
