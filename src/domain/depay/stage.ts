import { fromMinor, normalize, toString } from '../../core/decimal.js';
import { getCurrency } from '../../core/currency.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { DepayOrderRow } from '../../store/repos/depay-orders.js';
import { moveAndNotify, payOrder } from './lifecycle.js';
import { PAYER_READ } from './status.js';

export type StageOutcome = 'COMPLETED' | 'FAILED' | 'CANCELED';

/**
 * The last digit of the amount as the merchant wrote it: the local amount in
 * its shortest decimal form, trailing fractional zeros dropped (1008 → 8,
 * 10.58 → 8, 10.80 is 10.8 → 8, 10.50 is 10.5 → 5). Minor units would read
 * 1008.00 as 0, against the seed's own example.
 */
export function lastDigit(amountMinor: number, currency: string): number {
  const text = toString(normalize(fromMinor(amountMinor, getCurrency(currency)?.exponent ?? 2)));
  return Number(text[text.length - 1]);
}

/** Seed, "How can we simulate QR authorization": 9 → FAILED; 8 → CREATED then CANCELED; anything else → COMPLETED. */
export function stageOutcome(amountMinor: number, currency: string): StageOutcome {
  const d = lastDigit(amountMinor, currency);
  return d === 9 ? 'FAILED' : d === 8 ? 'CANCELED' : 'COMPLETED';
}

/** Runs the stage outcome on a CREATED order (the payment accepted by a simulated payer, then its fate). */
export async function applyStageOutcome(ctx: Ctx, tx: Tx, order: DepayOrderRow, now: number) {
  switch (stageOutcome(order.local_amount, order.local_currency)) {
    case 'COMPLETED':
      return payOrder(ctx, tx, order, true, undefined, now);
    case 'FAILED':
      return moveAndNotify(ctx, tx, order, [...PAYER_READ, 'FAILED'], 'stage_failed', now);
    case 'CANCELED':
      return moveAndNotify(ctx, tx, order, ['CANCELED'], 'preview_rejected', now);
  }
}
