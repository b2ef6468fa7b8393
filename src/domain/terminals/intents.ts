import { err, ok, type Result } from '../../core/result.js';
import { siteOf, type AmountLimits } from '../sellers/sites.js';

/**
 * The Point Integration API's payment intent (reference §4.1), designed for
 * phase 2: its routes are not registered until the counter can pay them.
 *
 * States and the allow-list. The migration doc maps them onto Orders:
 * OPEN=created, ON_TERMINAL=at_terminal, PROCESSING/PROCESSED absorbed,
 * FINISHED=processed or failed, CONFIRMATION_REQUIRED=action_required,
 * ERROR=failed, ABANDONED=expired, CANCELED=canceled.
 */
export const INTENT_STATES = ['OPEN', 'ON_TERMINAL', 'PROCESSING', 'PROCESSED', 'FINISHED', 'CONFIRMATION_REQUIRED', 'CANCELED', 'ERROR', 'ABANDONED'] as const;
export type IntentState = (typeof INTENT_STATES)[number];

export const INTENT_MOVES: Record<IntentState, readonly IntentState[]> = {
  // DELETE is allowed "only while OPEN"; the terminal takes it; nobody takes it in time.
  OPEN: ['ON_TERMINAL', 'CANCELED', 'ABANDONED'],
  // Cancelled or abandoned on the device; a card read starts processing.
  ON_TERMINAL: ['PROCESSING', 'CANCELED', 'ABANDONED', 'ERROR'],
  PROCESSING: ['PROCESSED', 'ERROR', 'CONFIRMATION_REQUIRED'],
  PROCESSED: ['FINISHED'],
  CONFIRMATION_REQUIRED: ['FINISHED', 'ERROR'],
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

/** The intent as phase 2 will store it (a counter charge of kind 'intent' on the terminal). */
export interface PaymentIntent {
  /** UUID, as legacy intent ids are. */
  id: string;
  device_id: string;
  state: IntentState;
  /** Integer cents. */
  amount: number;
  description: string | null;
  payment: { installments?: number; type?: 'credit_card' | 'debit_card'; installments_cost?: 'seller' | 'buyer'; voucher_type?: string } | null;
  additional_info: { external_reference?: string; print_on_terminal?: boolean; ticket_number?: string };
  /** The Payments API id once paid. */
  payment_id: number | null;
  payment_state: string | null;
  created_at: number;
}
