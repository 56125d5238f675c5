/** A payment of the provider's file (or entered by hand) as the checks and lists read it. */
export interface PaymentFacts {
  transactionId: string;
  item: string;
  amount: number | null;
  handlingFee: number | null;
  paidAt: string;
  status: string;
}
