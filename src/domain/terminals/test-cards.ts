/**
 * Mercado Pago's documented test data, so integrators reuse what they know.
 *
 * Cardholder names pick the outcome ("Test cards": APRO approved, OTHE
 * declined for general error, CALL declined with validation to authorize,
 * FUND insufficient amount, SECU invalid security code, EXPI due date issue,
 * FORM form error). `payment` is the Payments API status_detail
 * (cc_rejected_*); `point` is what a Point order's failed transaction carries
 * (supplement §1.5, and the failure details POST /v1/orders/{id}/events
 * accepts, reference §1.8).
 */
export const CARDHOLDER_OUTCOMES = {
  APRO: { approved: true, payment: 'accredited', point: 'accredited' },
  OTHE: { approved: false, payment: 'cc_rejected_other_reason', point: 'rejected_other_reason' },
  CALL: { approved: false, payment: 'cc_rejected_call_for_authorize', point: 'required_call_for_authorize' },
  FUND: { approved: false, payment: 'cc_rejected_insufficient_amount', point: 'insufficient_amount' },
  SECU: { approved: false, payment: 'cc_rejected_bad_filled_security_code', point: 'bad_filled_card_data' },
  EXPI: { approved: false, payment: 'cc_rejected_bad_filled_date', point: 'bad_filled_card_data' },
  FORM: { approved: false, payment: 'cc_rejected_bad_filled_other', point: 'bad_filled_card_data' },
} as const;

export type CardholderCode = keyof typeof CARDHOLDER_OUTCOMES;
export type CardholderOutcome = (typeof CARDHOLDER_OUTCOMES)[CardholderCode];
export const CARDHOLDER_CODES = Object.keys(CARDHOLDER_OUTCOMES) as CardholderCode[];

export const isCardholderCode = (s: string): s is CardholderCode => (CARDHOLDER_CODES as string[]).includes(s);

/**
 * The outcome a cardholder name asks for: the documented code as the name, or
 * as its first word ("APRO Perez"), in any case. Any other name is a real
 * cardholder and is approved (caja's choice; the documents only list codes).
 */
export function outcomeFor(cardholder: string): { code: CardholderCode; outcome: CardholderOutcome } {
  const first = cardholder.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  const code: CardholderCode = isCardholderCode(first) ? first : 'APRO';
  return { code, outcome: CARDHOLDER_OUTCOMES[code] };
}

export type CardBrand = 'visa' | 'master' | 'amex' | 'debvisa' | 'debmaster';

export interface TestCard {
  /** payment_method_id. */
  brand: CardBrand;
  payment_type_id: 'credit_card' | 'debit_card';
  number: string;
  security_code: string;
  expiration: string;
}

/**
 * Argentina's test cards (mercadopago.com.ar "Test integration" pages of
 * Automatic Payments via Orders: Mastercard, Visa, American Express credit;
 * Mastercard and Visa debit; expiry 11/30). Other sites print other numbers
 * for the same brands; caja accepts these everywhere.
 */
export const TEST_CARDS: Record<CardBrand, TestCard> = {
  visa: { brand: 'visa', payment_type_id: 'credit_card', number: '4509953566233704', security_code: '123', expiration: '11/30' },
  master: { brand: 'master', payment_type_id: 'credit_card', number: '5031755734530604', security_code: '123', expiration: '11/30' },
  amex: { brand: 'amex', payment_type_id: 'credit_card', number: '371180303257522', security_code: '1234', expiration: '11/30' },
  debvisa: { brand: 'debvisa', payment_type_id: 'debit_card', number: '4002768694395619', security_code: '123', expiration: '11/30' },
  debmaster: { brand: 'debmaster', payment_type_id: 'debit_card', number: '5287338310253304', security_code: '123', expiration: '11/30' },
};

export const CARD_BRANDS = Object.keys(TEST_CARDS) as CardBrand[];

/** A test card by its number, spaces and dashes ignored; undefined for any other number. */
export function cardByNumber(number: string): TestCard | undefined {
  const digits = number.replace(/[\s-]/g, '');
  return Object.values(TEST_CARDS).find((c) => c.number === digits);
}

/** What payments keep of a card: card{first_six_digits, last_four_digits}. */
export function cardDigits(card: TestCard): { first_six_digits: string; last_four_digits: string } {
  return { first_six_digits: card.number.slice(0, 6), last_four_digits: card.number.slice(-4) };
}
