import type { CurrencyCode } from '../../core/currency.js';
import { err, ok, type Result } from '../../core/result.js';
import { siteOf, type AmountLimits } from '../sellers/sites.js';

/**
 * The Point Integration API's payment intent (reference §4.1; the aggregate
 * and its commands: src/domain/point-intents).
 *
 * States and the allow-list. The migration doc maps them onto Orders:
 * OPEN=created, ON_TERMINAL=at_terminal, PROCESSING/PROCESSED absorbed,
 * FINISHED=processed or failed, CONFIRMATION_REQUIRED=action_required,
 * ERROR=failed, ABANDONED=expired, CANCELED=canceled. The glossary
 * (devsite-docs guides/mp-point/integration-api/glossary.en.md) calls
 * FINISHED, CONFIRMATION_REQUIRED ("once obtained, this status will not
 * change"), CANCELED, ERROR and ABANDONED final.
 */
export const INTENT_STATES = ['OPEN', 'ON_TERMINAL', 'PROCESSING', 'PROCESSED', 'FINISHED', 'CONFIRMATION_REQUIRED', 'CANCELED', 'ERROR', 'ABANDONED'] as const;
export type IntentState = (typeof INTENT_STATES)[number];

export const INTENT_MOVES: Record<IntentState, readonly IntentState[]> = {
  // DELETE is allowed "only while OPEN"; the terminal takes it; nobody takes it in time.
  OPEN: ['ON_TERMINAL', 'CANCELED', 'ABANDONED'],
  // Cancelled on the device, or abandoned (the payer walked away, or the intent's time ran out); a card read starts processing.
  ON_TERMINAL: ['PROCESSING', 'CANCELED', 'ABANDONED'],
  // The issuer answered (PROCESSED, then FINISHED with the payment approved or rejected); the card's data was wrong
  // (ERROR); no answer 40 s after the card was read (CONFIRMATION_REQUIRED).
  PROCESSING: ['PROCESSED', 'ERROR', 'CONFIRMATION_REQUIRED'],
  PROCESSED: ['FINISHED'],
  CONFIRMATION_REQUIRED: [],
  FINISHED: [],
  CANCELED: [],
  ERROR: [],
  ABANDONED: [],
};

export const canMoveIntent = (from: IntentState, to: IntentState) => INTENT_MOVES[from].includes(to);

/** States the SDK's cancel (DELETE) accepts. */
export const INTENT_CANCELABLE: readonly IntentState[] = ['OPEN'];

/** Integer cents per site (MLA 500–400000000, MLB 100–7000000, MLM 500–35000000); undefined: the site has no intents. */
export function intentLimits(siteId: string): AmountLimits | undefined {
  return siteOf(siteId).intentLimits;
}

export type IntentAmountError = { code: 'unsupported_site' } | { code: 'amount_out_of_range'; min: number; max: number };

export function checkIntentAmount(siteId: string, amount: number): Result<number, IntentAmountError> {
  const limits = intentLimits(siteId);
  if (!limits) return err({ code: 'unsupported_site' });
  if (!Number.isSafeInteger(amount) || amount < limits.min || amount > limits.max) return err({ code: 'amount_out_of_range', ...limits });
  return ok(amount);
}

/** The final states (each one notified through point_integration_wh). */
export const INTENT_FINAL: readonly IntentState[] = INTENT_STATES.filter((s) => INTENT_MOVES[s].length === 0);

export interface IntentPaymentConfig {
  installments?: number | undefined;
  type?: 'credit_card' | 'debit_card' | undefined;
  installments_cost?: 'seller' | 'buyer' | undefined;
  voucher_type?: string | undefined;
}

export interface IntentAdditionalInfo {
  external_reference?: string | undefined;
  print_on_terminal?: boolean | undefined;
  ticket_number?: string | undefined;
}

/** The intent as stored (a counter charge of family mp_point_intent on its terminal's slot). */
export interface PaymentIntent {
  /** UUID, as legacy intent ids are (reference §1.7). */
  id: string;
  seller_id: number;
  site_id: string;
  currency: CurrencyCode;
  device_id: string;
  status: IntentState;
  /** Integer cents. */
  amount: number;
  description: string | null;
  payment: IntentPaymentConfig | null;
  additional_info: IntentAdditionalInfo;
  /** The Payments API id once a card was read and answered. */
  payment_id: number | null;
  payment_state: 'approved' | 'rejected' | null;
  /** credit_card or debit_card, from the card read. */
  payment_type: string | null;
  /** Seller clock, ms: ABANDONED if still OPEN or ON_TERMINAL then. */
  expires_at: number;
  version: number;
  created_at: number;
  updated_at: number;
}
