import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { nextId } from '../../store/repos/sequences.js';
import { paymentsByIds } from '../counter/records.js';
import type { Payment } from '../counter/payment.js';
import { bump, move } from '../lifecycle/move.js';
import type { WrongStatus } from '../lifecycle/machine.js';
import { emitMerchantOrderEvent } from './events.js';
import { MERCHANT_ORDER_MACHINE, type MerchantOrder, type MerchantOrderStatus } from './merchant-order.js';
import { findMerchantOrderById, insertMerchantOrder, merchantOrdersOfCharge, saveMerchantOrder } from './records.js';

export type NewMerchantOrder = Omit<MerchantOrder, 'id' | 'status' | 'version' | 'date_created' | 'last_updated' | 'payment_ids' | 'cancelled'>;

const save = (tx: Tx) => (next: MerchantOrder, expected: number) => saveMerchantOrder(tx.ex, next, expected);

/** A new merchant_order (opened, no payments), notified on creation. */
export async function createMerchantOrder(ctx: Ctx, tx: Tx, input: NewMerchantOrder, now: number): Promise<MerchantOrder> {
  const m: MerchantOrder = { ...input, id: String(await nextId(tx.ex, 'merchant_order')), status: 'opened', cancelled: false, payment_ids: [], version: 1, date_created: now, last_updated: now };
  await insertMerchantOrder(tx.ex, m);
  await emitMerchantOrderEvent(ctx, tx, m, 'created', now);
  return m;
}

/** The charge's newest opened merchant_order (the last scan's), or a new one: a payment always has its merchant_order. */
export async function openMerchantOrderFor(ctx: Ctx, tx: Tx, input: NewMerchantOrder, now: number): Promise<MerchantOrder> {
  const open = input.charge_id ? (await merchantOrdersOfCharge(tx.ex, input.charge_id)).find((m) => m.status === 'opened') : undefined;
  return open ?? createMerchantOrder(ctx, tx, input, now);
}

/** What the approved payments of a merchant_order cover, net of refunds. */
export function coveredBy(payments: readonly Payment[]): number {
  return payments.filter((p) => p.status === 'approved').reduce((s, p) => s + p.amount - p.amount_refunded, 0);
}

/**
 * A payment attempt joins its merchant_order; an approved payment covering
 * the total closes it ("an approved payment closes it", reference §5.3).
 */
export async function attachPayment(ctx: Ctx, tx: Tx, merchantOrderId: string, p: Payment, now: number): Promise<MerchantOrder | undefined> {
  const m = await findMerchantOrderById(tx.ex, Number(merchantOrderId));
  if (!m) return undefined;
  const ids = [...m.payment_ids, Number(p.id)];
  const paid = coveredBy(await paymentsByIds(tx.ex, ids));
  const edit = (x: MerchantOrder): MerchantOrder => ({ ...x, payment_ids: ids, last_updated: now });
  let next: MerchantOrder;
  if (m.status === 'opened' && paid >= m.total_amount) {
    const moved = await move(tx, MERCHANT_ORDER_MACHINE, m, [{ status: 'closed', detail: 'paid' }], edit, { at: now, save: save(tx) });
    next = moved.ok ? moved.value : await bump('merchant_order', m, edit, save(tx));
  } else {
    next = await bump('merchant_order', m, edit, save(tx));
  }
  await emitMerchantOrderEvent(ctx, tx, next, 'updated', now);
  return next;
}

/**
 * The charge behind them was deleted or expired: its opened merchant_orders
 * become expired with cancelled: true (supplement §6's definition of
 * expired). One with an approved payment stays as it is.
 */
export async function cancelMerchantOrdersOf(ctx: Ctx, tx: Tx, chargeId: string, now: number): Promise<void> {
  for (const m of await merchantOrdersOfCharge(tx.ex, chargeId)) {
    if (m.status !== 'opened') continue;
    if (coveredBy(await paymentsByIds(tx.ex, m.payment_ids)) > 0) continue;
    await expire(ctx, tx, m, now);
  }
}

async function expire(ctx: Ctx, tx: Tx, m: MerchantOrder, now: number): Promise<Result<MerchantOrder, WrongStatus<MerchantOrderStatus>>> {
  const moved = await move(tx, MERCHANT_ORDER_MACHINE, m, [{ status: 'expired', detail: 'cancelled' }], (x) => ({ ...x, cancelled: true, last_updated: now }), { at: now, save: save(tx) });
  if (moved.ok) await emitMerchantOrderEvent(ctx, tx, moved.value, 'updated', now);
  return moved;
}

/** A change elsewhere (a refund of one of its payments) that the merchant_order shows: a new version and a notification. */
export async function touchMerchantOrder(ctx: Ctx, tx: Tx, merchantOrderId: string, now: number): Promise<void> {
  const m = await findMerchantOrderById(tx.ex, Number(merchantOrderId));
  if (!m) return;
  const next = await bump('merchant_order', m, (x) => ({ ...x, last_updated: now }), save(tx));
  await emitMerchantOrderEvent(ctx, tx, next, 'updated', now);
}

export type MerchantOrderPatch = Partial<Pick<MerchantOrder, 'external_reference' | 'notification_url' | 'additional_info' | 'items' | 'total_amount' | 'sponsor_id' | 'marketplace'>> & { cancelled?: boolean };

export type UpdateError = { code: 'invalid_order_state'; status: MerchantOrderStatus };

/** PUT /merchant_orders/{id}: an opened order's fields; cancelled: true expires it (only without approved payments). */
export async function updateMerchantOrder(ctx: Ctx, tx: Tx, m: MerchantOrder, patch: MerchantOrderPatch, now: number): Promise<Result<MerchantOrder, UpdateError>> {
  if (m.status !== 'opened') return err({ code: 'invalid_order_state', status: m.status });
  const { cancelled, ...fields } = patch;
  const edit = (x: MerchantOrder): MerchantOrder => ({ ...x, ...fields, last_updated: now });
  if (cancelled) {
    if (coveredBy(await paymentsByIds(tx.ex, m.payment_ids)) > 0) return err({ code: 'invalid_order_state', status: m.status });
    const moved = await move(tx, MERCHANT_ORDER_MACHINE, m, [{ status: 'expired', detail: 'cancelled' }], (x) => ({ ...edit(x), cancelled: true }), { at: now, save: save(tx) });
    if (!moved.ok) return err({ code: 'invalid_order_state', status: moved.error.status });
    await emitMerchantOrderEvent(ctx, tx, moved.value, 'updated', now);
    return ok(moved.value);
  }
  const next = await bump('merchant_order', m, edit, save(tx));
  await emitMerchantOrderEvent(ctx, tx, next, 'updated', now);
  return ok(next);
}
