import { describe, expect, it } from 'vitest';
import { pruneAll } from '../../src/jobs/retention/prune.js';
import type { Harness } from '../support/harness.js';
import { testbed } from '../support/harness.js';
import { createOrder, openShop, orderAction, walletPay, walletScan, type Shop } from '../support/qr-orders.js';

const DAY_S = 86_400;

const count = async (caja: Harness, table: string, where?: [string, string]): Promise<number> => {
  let q = caja.runtime.ctx.store.db.selectFrom(table as 'timers').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as 'status', '=', where[1] as 'done');
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const prune = (caja: Harness, aheadMs = 0) => pruneAll(caja.runtime.ctx.store, caja.config.retention, { realNow: () => Date.now() + aheadMs });
const advance = async (caja: Harness, shop: Shop, seconds: number) => {
  const res = await caja.request({ method: 'POST', url: '/sandbox/clock/advance', headers: shop.seller.auth, payload: { seconds } });
  expect(res.statusCode, res.body).toBe(200);
};

describe('retention with the defaults keeps what the API promises', () => {
  const caja = testbed();

  it('a finished order stays readable 3 months, a paid one refundable 180 days; then both go with their QR', async () => {
    const shop = await openShop(caja);
    const canceled = await createOrder(caja, shop);
    expect((await orderAction(caja, shop, canceled.id, 'cancel')).statusCode).toBe(200);
    const paid = await createOrder(caja, shop);
    expect((await walletPay(caja, paid.type_response!.qr_data)).statusCode).toBe(201);
    const key = { ...shop.seller.auth, 'x-idempotency-key': 'kept-a-day' };
    const body = { type: 'qr', external_reference: 'kept', total_amount: '5.00', config: { qr: { external_pos_id: shop.posExternalId, mode: 'dynamic' } }, transactions: { payments: [{ amount: '5.00' }] } };
    const first = await caja.request({ method: 'POST', url: '/v1/orders', headers: key, payload: body });
    expect(first.statusCode).toBe(201);

    // 23 hours on: the idempotency key still replays the same order.
    await advance(caja, shop, 23 * 3600);
    await prune(caja);
    const replay = await caja.request({ method: 'POST', url: '/v1/orders', headers: key, payload: body });
    expect(replay.json().id).toBe(first.json().id);

    // 89 days on: both orders answer GET.
    await advance(caja, shop, 89 * DAY_S - 23 * 3600);
    await prune(caja);
    for (const o of [canceled, paid]) {
      const res = await caja.request({ method: 'GET', url: `/v1/orders/${o.id}`, headers: shop.seller.auth });
      expect(res.statusCode, o.id).toBe(200);
    }

    // 179 days on: the canceled order is gone with its QR; the paid one can still be refunded.
    await advance(caja, shop, 90 * DAY_S);
    await prune(caja);
    const left = await caja.runtime.ctx.store.db.selectFrom('mp_orders').select('id').execute();
    expect(left.map((r) => r.id)).not.toContain(canceled.id);
    expect(left.map((r) => r.id)).toContain(paid.id);
    expect((await walletScan(caja, canceled.type_response!.qr_data)).statusCode).toBe(404);
    expect((await orderAction(caja, shop, paid.id, 'refund')).statusCode).toBe(201);
    // The POS's printed code is never an order's QR: it still resolves.
    expect((await walletScan(caja, shop.posQr)).statusCode).not.toBe(404);
  });
});

describe('retention set short removes every finished row, and nothing open', () => {
  const env = Object.fromEntries(
    ['MP_ORDERS', 'MP_PAID_ORDERS', 'DEPAY_ORDERS', 'NOTIFICATIONS', 'IDEMPOTENCY_KEYS', 'TIMERS'].map((f) => [`CAJA_RETAIN_${f}`, '1s']),
  );
  const caja = testbed({ env: { ...env, CAJA_RETENTION_BATCH: '2', CAJA_RETENTION_PAUSE_MS: '0' } });

  it('in batches, children first, on the seller clock', async () => {
    const shop = await openShop(caja);
    const paid = await createOrder(caja, shop);
    expect((await walletPay(caja, paid.type_response!.qr_data)).statusCode).toBe(201);
    const canceled = await createOrder(caja, shop);
    expect((await orderAction(caja, shop, canceled.id, 'cancel')).statusCode).toBe(200);
    const refunded = await createOrder(caja, shop);
    expect((await walletPay(caja, refunded.type_response!.qr_data)).statusCode).toBe(201);
    expect((await orderAction(caja, shop, refunded.id, 'refund')).statusCode).toBe(201);

    const brazil = await caja.seller('MLB');
    const auth = await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': brazil.depay_api_key } });
    const depay = await caja.request({
      method: 'POST',
      url: '/depay/v2/qr',
      headers: { authorization: `Bearer ${auth.json().accessToken}` },
      payload: { local_currency: 'BRL', local_country: 'BR', qr_from: 'AR', amount: 10, pos_external_reference: 'P1', external_reference: 'r1', notification_url: 'http://127.0.0.1:9/cb' },
    });
    expect(depay.statusCode, depay.body).toBe(201);
    // Past the QR's 10 minutes and the stage outcome; the refund settles too.
    await advance(caja, shop, 3600);
    const res = await caja.request({ method: 'POST', url: '/sandbox/clock/advance', headers: brazil.auth, payload: { seconds: 3600 } });
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const open = await createOrder(caja, shop);

    await prune(caja, 5_000);
    const orders = await caja.runtime.ctx.store.db.selectFrom('mp_orders').select('id').execute();
    expect(orders.map((o) => o.id)).toEqual([open.id]);
    expect(await count(caja, 'depay_orders')).toBe(0);
    expect(await count(caja, 'depay_order_statuses')).toBe(0);
    expect(await count(caja, 'idempotency_keys')).toBe(0);
    expect(await count(caja, 'timers', ['status', 'done'])).toBe(0);
    expect(await count(caja, 'timers', ['status', 'pending'])).toBeGreaterThan(0);
    // Pending deliveries (the Depay callback's retries) stay, and so do their events.
    const deliveries = await caja.runtime.ctx.store.db.selectFrom('deliveries').select(['id', 'status', 'event_id']).execute();
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
    const attempts = await caja.runtime.ctx.store.db.selectFrom('delivery_attempts').select('delivery_id').execute();
    expect(attempts.every((a) => deliveries.some((d) => d.id === a.delivery_id))).toBe(true);
    expect(await count(caja, 'events')).toBe(new Set(deliveries.map((d) => d.event_id)).size);
    // The open order, its QR and the POS's code still work.
    expect((await walletScan(caja, open.type_response!.qr_data)).statusCode).toBe(200);
    expect((await walletScan(caja, shop.posQr)).statusCode).toBe(200);
  });
});
