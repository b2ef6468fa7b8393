import type { CurrencyCode } from '../core/currency.js';
import type { Result } from '../core/result.js';
import type { Ctx } from '../context.js';
import type { Tx } from '../store/db.js';
import type { QrCodeRow } from '../store/repos/qr-codes.js';

/**
 * The port between the two sides of the counter. The wallet (and later the
 * terminal) does not know which API created what it pays: each API family
 * registers how to find its open charge behind a QR it issued, and how to
 * apply a payer's outcome to it. Exclusivity (one payment per charge, hybrid
 * codes included) is each family's guarded state transition, inside the
 * wallet's transaction.
 */
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
  /** Family-specific facts a payer's app would show (e.g. the merchant's local amount and the rate). */
  details?: Record<string, unknown>;
}

export type NothingPayableReason = 'paid' | 'expired' | 'canceled' | 'refunded' | 'failed' | 'idle_pos' | 'not_payable';

export interface NothingPayable {
  reason: NothingPayableReason;
  message: string;
}

export interface PayerOutcome {
  outcome: 'approved' | 'rejected';
  /** e.g. account_money, visa, debvisa, pix. */
  paymentMethod: string;
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

export interface PayableFamily {
  readonly name: string;
  /**
   * The open charge behind this code, nothing payable (with why), or
   * undefined when the code is not this family's.
   */
  find(ctx: Ctx, tx: Tx, qr: QrCodeRow, now: number): Promise<Result<PayableCharge, NothingPayable> | undefined>;
  /** Applies the payer's outcome; refuses when the charge is no longer payable (e.g. the other code of a hybrid won). */
  pay(ctx: Ctx, tx: Tx, charge: PayableCharge, qr: QrCodeRow, outcome: PayerOutcome, now: number): Promise<Result<PaymentReceipt, NothingPayable>>;
}
