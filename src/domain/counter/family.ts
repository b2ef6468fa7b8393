import type { CurrencyCode } from '../../core/currency.js';
import type { Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { Seller } from '../sellers/seller.js';
import type { Payment, PaymentRefund } from './payment.js';
import type { PaymentSource } from './source.js';

/** What a payer is asked to pay: the open charge behind a source, as the payer's app shows it. */
export interface PayableCharge {
  family: string;
  /** The charge's id in its API (an ORD... order, a Depay order UUID). */
  id: string;
  sellerId: number;
  merchant: { name: string; city?: string | undefined; country: string };
  /** What the payer pays, in the payer's currency, minor units. */
  amount: number;
  currency: CurrencyCode;
  description?: string | undefined;
  externalReference?: string | undefined;
  /** What is being bought, when the charge lists it (unit prices in minor units of `currency`). */
  items?: ReadonlyArray<{ title: string; quantity: number; unitPrice: number }> | undefined;
  /** Family-specific facts a payer's app would show (e.g. the merchant's local amount and the rate). */
  details?: Record<string, unknown>;
}

export type NothingPayableReason = 'paid' | 'expired' | 'canceled' | 'refunded' | 'failed' | 'idle_pos' | 'idle_terminal' | 'not_payable';

export interface NothingPayable {
  reason: NothingPayableReason;
  message: string;
}

/** A card as a terminal reads it (Point). */
export interface CardFacts {
  firstSixDigits: string;
  lastFourDigits: string;
  cardholderName: string;
  expirationMonth?: number | undefined;
  expirationYear?: number | undefined;
}

export interface PayerOutcome {
  outcome: 'approved' | 'rejected';
  /** e.g. account_money, visa, debvisa, pix. */
  paymentMethod: string;
  /** The issuer's reason for a decline (cc_rejected_*); default from the method. */
  statusDetail?: string | undefined;
  installments?: number | undefined;
  card?: CardFacts | undefined;
  /** A tip the payer added on a terminal (minor units, on top of the charge). */
  tip?: number | undefined;
  /** Payer facts some APIs report (Depay: tax id and account). */
  payer?: { taxId?: string | undefined; account?: string | undefined; name?: string | undefined } | undefined;
}

export interface PaymentReceipt {
  /** The payment's id (numeric for Mercado Pago payments). */
  id: string;
  status: 'approved' | 'rejected';
  statusDetail: string;
  amount: number;
  currency: CurrencyCode;
  chargeId: string;
  paymentMethod: string;
  /** Family-specific extras (transaction id, ...). */
  details?: Record<string, unknown>;
}

/** Why a refund through the Payments API was refused by the family that owns the charge. */
export type FamilyRefundRefusal =
  | { code: 'not_refundable'; status: string }
  | { code: 'over_balance'; left: number }
  | { code: 'window_closed'; window: string }
  | { code: 'partial_not_allowed'; reason: string };

/**
 * An API family plugged into the counter: it finds its open charge and
 * applies a payer's outcome. Families register by name; the counter resolves a
 * source to (family, charge id), so the wallet and the terminal never know
 * which API created what they pay.
 */
export interface CounterFamily {
  readonly name: string;
  /** The kinds of issued codes (qr_codes.kind) that lead straight to one of this family's charges. */
  readonly codes: readonly string[];
  /** The charge, or nothing payable (with why). */
  find(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<Result<PayableCharge, NothingPayable>>;
  /**
   * Optional: a payer's app read the code and was shown this charge (the
   * wallet's scan, the URL inside the code). The legacy QR family creates a
   * merchant_order here ("each scan creates a new merchant_order", reference
   * §5.3); `find` stays a pure read because `pay` calls it too.
   */
  onScan?(ctx: Ctx, tx: Tx, charge: PayableCharge, now: number): Promise<void>;
  /** Applies the payer's outcome; refuses when the charge is no longer payable (e.g. the other code of a hybrid won). */
  pay(ctx: Ctx, tx: Tx, charge: PayableCharge, source: PaymentSource, outcome: PayerOutcome, now: number): Promise<Result<PaymentReceipt, NothingPayable>>;
  /**
   * A Payments API refund of one of this family's payments, made through the
   * charge so that the charge, its notifications and the ledger agree whichever
   * door was used. `amount` undefined: everything left. Returns the ledger refunds made.
   */
  refund?(ctx: Ctx, tx: Tx, seller: Seller, payment: Payment, amount: number | undefined): Promise<Result<PaymentRefund[], FamilyRefundRefusal>>;
  /** Optional: the family queues charges on Point terminals (their slot); the simulated device drives them through these. */
  terminal?: TerminalHooks;
}

/**
 * Where a terminal charge is, as the device sees it: waiting in the queue,
 * on the screen, on the screen while an API cancellation is being confirmed
 * (no card is taken), or over.
 */
export type TerminalStage = 'queued' | 'on_terminal' | 'being_canceled' | 'ended';

/** What the simulated device needs of the charge it holds, whatever API created it. */
export interface TerminalCharge {
  /** The screen's kind of charge ('order': Orders; 'intent': the Point Integration API's payment intent). */
  kind: 'order' | 'intent';
  id: string;
  /** How messages name it ("Order ORD…", "Payment intent …"). */
  label: string;
  sellerId: number;
  terminalId: string;
  stage: TerminalStage;
  /** The family's own status and detail, as the sandbox device answers show them. */
  status: string;
  statusDetail: string;
  /** Minor units. */
  amount: number;
  currency: CurrencyCode;
  ticketNumber: string | null;
  description: string | null;
  printTicket: boolean;
  defaultInstallments?: number | undefined;
  defaultType?: 'credit_card' | 'debit_card' | undefined;
}

/**
 * The terminal side of a family (src/domain/terminals drives it). Every hook
 * runs in the caller's transaction, moves the charge with its own guarded
 * transition and returns false when the charge moved on meanwhile (the
 * device then does nothing). Paying stays the family's `pay`.
 */
export interface TerminalHooks {
  /** The charge as the device needs it (any stage); undefined when unknown. */
  held(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<TerminalCharge | undefined>;
  /** The device takes the queued charge (Orders: created → at_terminal; intents: OPEN → ON_TERMINAL). */
  take(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<boolean>;
  /** Optional: a card was read and processing started (intents: PROCESSING). */
  processing?(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<boolean>;
  /** The payer cancels on the device. */
  cancelOnTerminal(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<boolean>;
  /** The payer walks away, or a read card never got an answer (40 s): Orders action_required; intents per reference §4.1. */
  walkAway(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<boolean>;
}
