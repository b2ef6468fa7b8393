import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { DepayOrderRow } from '../../store/repos/depay-orders.js';
import type { DepayRefundRow } from '../../store/repos/depay-refunds.js';
import { formatIn, lockedOf, userAmountExact } from './fx.js';
import type { DepayRefundStatus, DepayStatus } from './status.js';
import type { MoveReason } from './transition.js';

/**
 * What Depay's callbacks need, as facts; the provider layer renders the
 * seed's bodies from them (providers/depay/callbacks). Amounts are decimal
 * strings so no float ever holds one.
 */
export interface DepayOrderEvent {
  order_id: string;
  external_reference: string;
  status: string;
  reason: MoveReason | null;
  notification_url: string;
  local_amount: string;
  local_currency: string;
  user_amount: string;
  user_currency: string;
  exchange_rate: string;
  qr_data: string;
  user_tax_id: string | null;
  user_account: string | null;
}

export interface DepayRefundEvent {
  refund_id: string;
  order_id: string;
  external_reference: string;
  status: string;
  notification_url: string;
  amount: string;
  currency: string;
}

export const ORDER_CREATED = 'depay.order.created' as const;

const money = formatIn;

export type DepayOrderEventType = `depay.order.${Lowercase<DepayStatus>}`;

export async function emitOrderEvent(ctx: Ctx, tx: Tx, o: DepayOrderRow, type: DepayOrderEventType, reason: MoveReason | null, at: number): Promise<void> {
  const payload: DepayOrderEvent = {
    order_id: o.id,
    external_reference: o.external_reference,
    status: o.status,
    reason,
    notification_url: o.notification_url,
    local_amount: money(o.local_amount, o.local_currency),
    local_currency: o.local_currency,
    // Unrounded, as Depay prints it (docs/depay.md); the payer pays the rounded amount.
    user_amount: userAmountExact(o.local_amount, lockedOf(o)),
    user_currency: o.user_currency,
    exchange_rate: o.exchange_rate,
    qr_data: o.qr_data,
    user_tax_id: o.payer_tax_id,
    user_account: o.payer_account,
  };
  await ctx.events.emit(tx, { sellerId: o.seller_id, type, resourceId: o.id, payload, at });
}

/** A status change: depay.order.completed, depay.order.canceled, ... */
export const emitStatusEvent = (ctx: Ctx, tx: Tx, o: DepayOrderRow, reason: MoveReason | null, at: number) =>
  emitOrderEvent(ctx, tx, o, `depay.order.${o.status.toLowerCase() as Lowercase<DepayStatus>}`, reason, at);

export async function emitRefundEvent(ctx: Ctx, tx: Tx, o: DepayOrderRow, r: DepayRefundRow, at: number): Promise<void> {
  const payload: DepayRefundEvent = {
    refund_id: r.id,
    order_id: o.id,
    external_reference: o.external_reference,
    status: r.status,
    // Seed: the refund's own notification_url, else (caja's reading) the order's.
    notification_url: r.notification_url ?? o.notification_url,
    amount: money(r.amount_local, o.local_currency),
    currency: o.local_currency,
  };
  await ctx.events.emit(tx, { sellerId: o.seller_id, type: `depay.refund.${r.status.toLowerCase() as Lowercase<DepayRefundStatus>}`, resourceId: o.id, payload, at });
}
