/** What the API answers about payments: pure types, read by the console too. */

/** How a payment stands against the dossiers and the round's fees. */
export const RECONCILIATION = [
  'matched',
  'unmatched',
  'wrongAmount',
  'paidTwice',
  'cancelled',
  'refunded',
] as const;
export type Reconciliation = (typeof RECONCILIATION)[number];

export interface PaymentRow {
  id: string;
  roundId: string;
  transactionId: string;
  certNo: string;
  name: string | null;
  dossierId: string | null;
  item: string;
  amount: number | null;
  handlingFee: number | null;
  paidAt: Date;
  method: string;
  status: string;
  source: string;
  reconciliation: Reconciliation;
}

/** How many payments of one reconciliation and fee, and their sums (yen). */
export interface PaymentTotals {
  reconciliation: Reconciliation;
  item: string;
  count: number;
  amount: number;
  handlingFee: number;
}
