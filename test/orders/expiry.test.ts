import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { startCaja, testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { until } from '../support/receiver.js';
import { createOrder, getOrder, openShop, walletPay, type Shop } from '../support/qr-orders.js';

/** A wall clock the test can move forward; caja reads every "now" through it. */
class ManualClock implements Clock {
  offset = 0;
  realNow(): number {
    return Date.now() + this.offset;
  }
}

describe('order expiry', () => {
  const clock = new ManualClock();
  const caja = testbed({ clock });
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  it('advancing the seller clock past expiration_time expires the order and its transactions at once', async () => {
    const order = await createOrder(caja, shop, { expiration_time: 'PT30S' }, 'hybrid');
    await advance(caja, shop.seller, 29);
    await new Promise((r) => setTimeout(r, 300));
    expect(await getOrder(caja, shop, order.id)).toMatchObject({ status: 'created' });
    const t0 = Date.now();
    await advance(caja, shop.seller, 1);
    await until(async () => (await getOrder(caja, shop, order.id)).status === 'expired', 2000);
    expect(Date.now() - t0).toBeLessThan(1000);
    const expired = await getOrder(caja, shop, order.id);
    expect(expired).toMatchObject({ status: 'expired', status_detail: 'expired' });
    expect(expired.transactions.payments![0]).toMatchObject({ status: 'expired', status_detail: 'expired' });
    expect((await walletPay(caja, order.type_response!.qr_data)).json().cause[0].code).toBe('expired');
  });

  it('time passing on its own expires it at most one second late (no clock call, no kick)', async () => {
    const order = await createOrder(caja, shop, { expiration_time: 'PT1H' }, 'dynamic');
    // Jump the wall clock to just past the expiry, as if an hour went by.
    clock.offset += 3_600_000;
    const t0 = Date.now();
    await until(async () => (await getOrder(caja, shop, order.id)).status === 'expired', 3000);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a lapsed order is not payable even before its timer ran', async () => {
    const order = await createOrder(caja, shop, { expiration_time: 'PT30S' }, 'dynamic');
    await caja.runtime.timers.stop();
    try {
      await advance(caja, shop.seller, 31);
      const pay = await walletPay(caja, order.type_response!.qr_data);
      expect(pay.statusCode).toBe(409);
      expect(pay.json().cause[0].code).toBe('expired');
    } finally {
      caja.runtime.timers.start();
    }
    await until(async () => (await getOrder(caja, shop, order.id)).status === 'expired', 2000);
  });
});

describe('order expiry across a restart', () => {
  it('the expiry timer survives: a new process expires the order when due', async () => {
    const first = await startCaja();
    const shop = await openShop(first, 'MLB');
    const order = await createOrder(first, shop, { expiration_time: 'PT2M' }, 'dynamic');
    await first.close({ keepDatabase: true });
    const second = await startCaja({ database: first.db });
    try {
      expect(await getOrder(second, shop, order.id)).toMatchObject({ status: 'created' });
      await advance(second, shop.seller, 120);
      await until(async () => (await getOrder(second, shop, order.id)).status === 'expired', 2000);
    } finally {
      await second.close();
    }
  });
});
