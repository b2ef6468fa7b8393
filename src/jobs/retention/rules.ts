import type { RetentionConfig } from '../../config/retention.js';
import { tokenOf } from '../../domain/qr/registry.js';
import type { ChildRule, PruneRule } from '../../store/retention.js';

/** The QR code an order issued goes with the order (kind guards a POS's static code). */
const issuedQr = (kind: string, payloadOf: (row: Record<string, unknown>) => unknown): ChildRule => ({
  table: 'qr_codes',
  column: 'token',
  where: [{ column: 'kind', in: [kind] }],
  from: (row) => {
    const payload = payloadOf(row);
    return typeof payload === 'string' ? tokenOf(payload) : undefined;
  },
});
const mpQrPayload = (row: Record<string, unknown>) => (JSON.parse(String(row.document)) as { qr_data?: unknown }).qr_data;
/** An aggregate's status history goes with it. */
const history = (aggregate: string): ChildRule => ({ table: 'status_history', column: 'aggregate_id', where: [{ column: 'aggregate', in: [aggregate] }] });

/**
 * What caja removes, in order (children before what they refer to). A new
 * table is one more line: name, key, dating column (indexed with seller_id, or
 * a time-ordered key), the conditions that make a row finished, and the
 * retention setting it follows. Conditions never match anything still open
 * (an order that can be paid, a delivery still due, a refund pending).
 */
export const RETENTION_RULES: ReadonlyArray<PruneRule<RetentionConfig>> = [
  // Orders API: readable 3 months after creation; a processed payment is refundable 180 days.
  { name: 'mp_orders', table: 'mp_orders', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpOrdersMs,
    where: [{ column: 'status', in: ['canceled', 'expired', 'refunded'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_order', mpQrPayload), history('mp_order')] },
  { name: 'mp_orders (paid)', table: 'mp_orders', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpPaidOrdersMs,
    where: [{ column: 'status', in: ['processed'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_order', mpQrPayload), history('mp_order')] },
  // The payments ledger: a payment follows its order's windows (an approved one is refundable 180 days).
  { name: 'payments', table: 'payments', key: 'id', time: 'date_created', clock: 'seller', keep: (r) => r.mpOrdersMs,
    where: [{ column: 'status', in: ['rejected', 'refunded'] }, { column: 'date_last_updated', before: 'seller' }],
    children: [{ table: 'payment_refunds', column: 'payment_id' }, history('payment')] },
  { name: 'payments (approved)', table: 'payments', key: 'id', time: 'date_created', clock: 'seller', keep: (r) => r.mpPaidOrdersMs,
    where: [{ column: 'status', in: ['approved'] }, { column: 'date_last_updated', before: 'seller' }],
    children: [{ table: 'payment_refunds', column: 'payment_id' }, history('payment')] },
  // The legacy QR models: an in-store order that ended goes like an Orders order (a closed one was paid:
  // its payments stay refundable 180 days); a merchant_order follows the same windows.
  { name: 'instore_orders', table: 'instore_orders', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpOrdersMs,
    where: [{ column: 'status', in: ['expired', 'deleted'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_instore', mpQrPayload), history('instore_order')] },
  { name: 'instore_orders (paid)', table: 'instore_orders', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpPaidOrdersMs,
    where: [{ column: 'status', in: ['closed'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_instore', mpQrPayload), history('instore_order')] },
  // Instore intents: one that ended unpaid goes like an Orders order; a CLOSED one was paid (its payment stays refundable 180 days).
  { name: 'instore_intents', table: 'instore_intents', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpOrdersMs,
    where: [{ column: 'status', in: ['CANCELED', 'EXPIRED', 'ERROR', 'CONFIRMATION_REQUIRED'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_intent', mpQrPayload), history('instore_intent')] },
  { name: 'instore_intents (paid)', table: 'instore_intents', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpPaidOrdersMs,
    where: [{ column: 'status', in: ['CLOSED'] }, { column: 'updated_at', before: 'seller' }],
    select: ['document'], children: [issuedQr('mp_intent', mpQrPayload), history('instore_intent')] },
  { name: 'merchant_orders', table: 'merchant_orders', key: 'id', time: 'date_created', clock: 'seller', keep: (r) => r.mpPaidOrdersMs,
    where: [{ column: 'status', in: ['closed', 'expired'] }, { column: 'last_updated', before: 'seller' }],
    children: [history('merchant_order')] },
  // The Point Integration API's payment intents: an ended one goes like an ended Orders order (its payment, if any,
  // is the ledger's and follows the ledger's windows).
  { name: 'point_intents', table: 'point_intents', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.mpOrdersMs,
    where: [{ column: 'status', in: ['FINISHED', 'CONFIRMATION_REQUIRED', 'CANCELED', 'ERROR', 'ABANDONED'] }, { column: 'updated_at', before: 'seller' }],
    children: [history('point_intent')] },
  { name: 'depay_orders', table: 'depay_orders', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.depayOrdersMs,
    where: [
      { column: 'status', in: ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELED', 'REJECTED', 'FAILED'] },
      { column: 'updated_at', before: 'seller' },
      { notExists: { table: 'depay_refunds', on: { order_id: 'id' }, only: { column: 'status', in: ['PENDING'] } } },
    ],
    select: ['qr_data'],
    children: [{ table: 'depay_order_statuses', column: 'order_id' }, { table: 'depay_refunds', column: 'order_id' }, issuedQr('depay_order', (r) => r.qr_data)] },
  { name: 'deliveries', table: 'deliveries', key: 'id', time: 'created_at', clock: 'seller', keep: (r) => r.notificationsMs,
    where: [{ column: 'status', in: ['delivered', 'failed', 'skipped'] }, { column: 'updated_at', before: 'seller' }],
    children: [{ table: 'delivery_attempts', column: 'delivery_id' }] },
  // An event goes once no delivery of it is left (deliveries_resource finds them).
  { name: 'events', table: 'events', key: 'id', time: 'id', idPrefix: 'EVT', clock: 'seller', keep: (r) => r.notificationsMs,
    where: [{ notExists: { table: 'deliveries', on: { seller_id: 'seller_id', resource_id: 'resource_id', event_id: 'id' } } }] },
  { name: 'idempotency_keys', table: 'idempotency_keys', key: 'idem_key', time: 'created_at', clock: 'seller', keep: (r) => r.idempotencyKeysMs },
  { name: 'timers', table: 'timers', key: 'id', time: 'id', idPrefix: 'TMR', clock: 'seller', keep: (r) => r.timersMs,
    where: [{ column: 'status', in: ['done', 'failed'] }, { column: 'due_at', before: 'wall' }] },
  // Tokens expire on the seller's clock (3600 s); an expired one is refused anyway.
  { name: 'depay_tokens', table: 'depay_tokens', key: 'token_hash', time: 'expires_at', clock: 'seller', keep: () => 0 },
];
