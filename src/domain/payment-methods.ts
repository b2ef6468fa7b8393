/**
 * Payment methods a sandbox payer can use, by Mercado Pago id, with their type
 * (the ids the Point simulate endpoint and payments use: visa, master, amex,
 * debvisa, debmaster; account_money for wallet balance; pix in Brazil).
 */
export const PAYMENT_METHODS: Record<string, { type: string; card: boolean }> = {
  account_money: { type: 'account_money', card: false },
  pix: { type: 'bank_transfer', card: false },
  visa: { type: 'credit_card', card: true },
  master: { type: 'credit_card', card: true },
  amex: { type: 'credit_card', card: true },
  naranja: { type: 'credit_card', card: true },
  cabal: { type: 'credit_card', card: true },
  debvisa: { type: 'debit_card', card: true },
  debmaster: { type: 'debit_card', card: true },
  maestro: { type: 'debit_card', card: true },
  debcabal: { type: 'debit_card', card: true },
  prepaid_card: { type: 'prepaid_card', card: true },
};

export const PAYMENT_METHOD_IDS = Object.keys(PAYMENT_METHODS);

export function methodType(id: string): string {
  return PAYMENT_METHODS[id]?.type ?? 'account_money';
}

/** What a decline reports: card issuers' codes for cards, a generic one otherwise. */
export function rejectionDetail(id: string): string {
  return PAYMENT_METHODS[id]?.card ? 'cc_rejected_other_reason' : 'rejected_other_reason';
}
