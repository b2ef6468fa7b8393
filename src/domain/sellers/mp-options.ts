import type { Executor } from '../../store/db.js';
import { findMpOptionsRow, putMpOptionsRow } from '../../store/repos/mp-seller-options.js';
import type { MpSellerOptionsTable } from '../../store/schema-mp-orders.js';

/**
 * Mercado Pago behaviours a seller can switch where the documents split
 * (README, fidelity choices). Defaults follow the seeds.
 */
export interface MpOptions {
  /** Cash-out and extra cash need a Managed Wallet seller (QR-CA create reference: 400 seller_configuration). */
  managed_wallet: boolean;
  /** A newer reference caps static QR orders at 10 minutes whatever is sent; seed 003 honours the value (default off). */
  static_qr_expiry_cap: boolean;
  /**
   * The immediate answer of a total refund. `on_confirmation` (seed 003): the order stays
   * processed/accredited with the refund processing, and becomes refunded when the refund is
   * confirmed. `immediate` (the es guides and the Point reference): refunded/refunded with the
   * refund processed at once.
   */
  refund_answer: 'on_confirmation' | 'immediate';
}

export const DEFAULT_MP_OPTIONS: MpOptions = { managed_wallet: false, static_qr_expiry_cap: false, refund_answer: 'on_confirmation' };

export async function mpOptions(ex: Executor, sellerId: number): Promise<MpOptions> {
  return mpOptionsOf(await findMpOptionsRow(ex, sellerId));
}

/** The options a stored row holds (read by another query, e.g. with a POS); the defaults without one. */
export function mpOptionsOf(r: MpSellerOptionsTable | undefined): MpOptions {
  if (!r) return DEFAULT_MP_OPTIONS;
  return { managed_wallet: r.managed_wallet === 1, static_qr_expiry_cap: r.static_expiry_cap === 1, refund_answer: r.refund_answer === 'immediate' ? 'immediate' : 'on_confirmation' };
}

export async function setMpOptions(ex: Executor, sellerId: number, change: Partial<MpOptions>, at: number): Promise<MpOptions> {
  const next = { ...(await mpOptions(ex, sellerId)), ...change };
  await putMpOptionsRow(ex, { seller_id: sellerId, managed_wallet: next.managed_wallet ? 1 : 0, static_expiry_cap: next.static_qr_expiry_cap ? 1 : 0, refund_answer: next.refund_answer, updated_at: at });
  return next;
}
