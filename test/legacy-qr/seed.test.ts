import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { seedOrder } from '../support/legacy-qr.js';
import { configureWebhooks } from '../support/notify.js';
import { openShop, walletPay, walletScan, type Shop } from '../support/qr-orders.js';
import { Receiver } from '../support/receiver.js';

interface Row {
  kind: string;
  topic: string;
  url: string | null;
  status: string;
  body: string;
}

describe("seed 002's request as written, and the notification channels", () => {
  // No delivery worker: the seed's notification_url is a real host, never contacted from a test.
  const caja = testbed({ workers: false });
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
  });

  const deliveries = async (resourceId: string): Promise<Row[]> =>
    (await caja.runtime.ctx.store.db.selectFrom('deliveries').select(['kind', 'topic', 'url', 'status', 'body']).where('resource_id', '=', resourceId).orderBy('created_at').execute()) as Row[];

  it('POST ...?access_token= with the seed body (a notification_url without scheme): created, scanned, paid, IPN planned', async () => {
    // The seed sends -d with no content type header of its own; curl then sends form-urlencoded, which MP takes as JSON. Integrators send JSON.
    const res = await caja.request({
      method: 'POST',
      url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}?access_token=${shop.seller.access_token}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(seedOrder('ARS', { sponsor_id: (await caja.seller('MLA')).user_id })),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ notification_url: 'www.yourserver.com', total_amount: 320 });
    expect((await walletScan(caja, shop.posQr)).statusCode).toBe(200);
    const paid = await walletPay(caja, shop.posQr);
    expect(paid.statusCode).toBe(201);
    const mo = String(paid.json().merchant_order_id);
    const ipn = (await deliveries(mo)).filter((d) => d.kind === 'mp_ipn');
    expect(ipn.map((d) => d.url)).toEqual(['http://www.yourserver.com', 'http://www.yourserver.com']);
    expect(JSON.parse(ipn[0]!.body)).toEqual({ resource: `http://caja.test/merchant_orders/${mo}`, topic: 'merchant_order' });
    expect((await deliveries(paid.json().id)).filter((d) => d.kind === 'mp_ipn')).toEqual([expect.objectContaining({ topic: 'payment', url: 'http://www.yourserver.com' })]);
  });

  it('source_news=webhooks sends webhook bodies to the notification_url; source_news=ipn only IPN; the merchant_order topics reach the configured URL', async () => {
    const rx = await Receiver.start();
    try {
      await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['topic_merchant_order_wh'] });
      for (const [news, kind] of [['webhooks', 'mp_webhook'], ['ipn', 'mp_ipn']] as const) {
        const url = `http://127.0.0.1:9/n?source_news=${news}`;
        const res = await caja.request({ method: 'POST', url: `/mpmobile/instore/qr/${shop.seller.user_id}/${shop.posExternalId}`, headers: shop.seller.auth, payload: seedOrder('ARS', { notification_url: url }) });
        expect(res.statusCode).toBe(201);
        const paid = await walletPay(caja, shop.posQr);
        const rows = await deliveries(String(paid.json().merchant_order_id));
        const toUrl = rows.filter((d) => d.url?.startsWith('http://127.0.0.1:9/'));
        expect(toUrl.map((d) => d.kind)).toEqual([kind, kind]);
        if (news === 'webhooks') expect(JSON.parse(toUrl[0]!.body)).toMatchObject({ action: 'merchant_order.created', type: 'merchant_order', data: { id: String(paid.json().merchant_order_id) } });
        expect(rows.filter((d) => d.topic === 'topic_merchant_order_wh').map((d) => d.url)).toEqual([rx.url, rx.url]);
        const pay = await deliveries(paid.json().id);
        expect(pay.filter((d) => d.url?.startsWith('http://127.0.0.1:9/')).map((d) => d.kind)).toEqual([kind]);
      }
    } finally {
      await rx.close();
    }
  });
});
