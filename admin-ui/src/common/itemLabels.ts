import { parseItemRef } from '@server/rules/item-ref';

/** react-admin's translate, as the labels need it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What a check, an override or a document is about, as people say it (症例一覧表(1) 6 行目,
 * 参加証明 3), never the raw ref (`case:1-6`); '' for none. The one place refs are shown.
 */
export function refLabel(translate: Translate, ref: string | null | undefined): string {
  const item = parseItemRef(ref);
  if (!item) return ref ? translate('shinsa.items.unknown') : '';
  switch (item.kind) {
    case 'case':
      return translate('shinsa.items.case', { sheet: item.sheetNo, row: item.row });
    case 'sheet':
      return translate('shinsa.items.sheet', { sheet: item.sheetNo });
    case 'attendance':
      return translate('shinsa.items.attendance', { n: item.no });
    case 'payment':
      return translate('shinsa.items.payment', { id: item.transactionId });
    case 'mail':
      return translate('shinsa.items.mail', { receiptNo: item.receiptNo });
  }
}

/** A rule by its name (消印, 病院長公印), never its ID, even one the console does not know. */
export function ruleLabel(translate: Translate, rule: string): string {
  return translate(`shinsa.rules.${rule}`, { _: translate('shinsa.items.unknown_rule') });
}

/** A document as people name it: 病院長公印 症例一覧表(2); 参加証明 3 (not 参加証明 参加証明 3). */
export function documentLabel(translate: Translate, rule: string, ref: string | null): string {
  if (!ref) return ruleLabel(translate, rule);
  if (rule === 'doc.attendance') return refLabel(translate, ref);
  return `${ruleLabel(translate, rule)} ${refLabel(translate, ref)}`;
}
