import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { expectLegacyError, getMerchantOrder } from '../support/legacy-qr.js';
import { advance } from '../support/notify.js';
import { Receiver, until } from '../support/receiver.js';

describe('merchant_orders: create, update, search, errors, IPN', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let seller: TestSeller;
  let other: TestSeller;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
    other = await caja.seller('MLA');
  });
  const post = (payload: unknown, s = seller) => caja.request({ method: 'POST', url: '/merchant_orders', headers: s.auth, payload: payload as object });
  const put = (id: number | string, payload: unknown, s = seller) => caja.request({ method: 'PUT', url: `/merchant_orders/${id}`, headers: s.auth, payload: payload as object });

  it('creation and every change are notified by IPN; cancelled: true expires it', async () => {
    const res = await post({ external_reference: 'mo-1', notification_url: rx.url, items: [{ title: 'x', quantity: 1, unit_price: 10 }] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(String(id)).toMatch(/^\d{11}$/);
    expect((await put(id, { additional_info: 'hi' })).statusCode).toBe(200);
    const cancelled = await put(id, { cancelled: true });
    expect(cancelled.json()).toMatchObject({ status: 'expired', cancelled: true, order_status: 'expired' });
    await until(() => rx.received.length >= 3);
    expect(rx.received.map((r) => [r.query.get('topic'), r.query.get('id')])).toEqual([['merchant_order', String(id)], ['merchant_order', String(id)], ['merchant_order', String(id)]]);
    expectLegacyError(await put(id, { additional_info: 'again' }), 400, 'invalid_order_state');
  });

  it('documented errors, nothing stored', async () => {
    const cases: Array<[unknown, string]> = [
      ['"x"', 'unmarshal_error'],
      [{ foo: 1 }, 'unmarshal_error'],
      [{ items: [{ title: 'x', quantity: 0, unit_price: 1 }] }, 'invalid_items'],
      [{ items: [{ title: 'x', quantity: 1, unit_price: 1, currency_id: 'USD' }] }, 'invalid_items'],
      [{ notification_url: 'ftp://x' }, 'invalid_url'],
      [{ sponsor_id: seller.user_id }, 'invalid_sponsor_id'],
      [{ payer: { id: 'abc' } }, 'invalid_payer'],
      [{ collector: { id: other.user_id } }, 'invalid_user_id'],
      [{ application_id: '1' }, 'invalid_application_id'],
      [{ marketplace: 'no spaces allowed' }, 'invalid_marketplace'],
      [{ external_reference: 'x'.repeat(300) }, 'invalid_string'],
      [{ site_id: 'MLB' }, 'invalid_string'],
    ];
    for (const [body, code] of cases) expectLegacyError(await post(body), 400, code);
    expect((await caja.request({ method: 'GET', url: '/merchant_orders/search', headers: seller.auth })).json().total).toBe(1);
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/abc', headers: seller.auth }), 400, 'invalid_format');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/123', headers: seller.auth }), 404, 'not_found');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/search?limit=0', headers: seller.auth }), 400, 'ds_search_query');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/search?date_created_from=yesterday', headers: seller.auth }), 400, 'ds_search_query');
    expectLegacyError(await caja.request({ method: 'GET', url: '/merchant_orders/search?status=open', headers: seller.auth }), 400, 'ds_search_query');
  });

  it("another seller's merchant_order is not found", async () => {
    const id = (await post({ external_reference: 'mine' })).json().id;
    expectLegacyError(await caja.request({ method: 'GET', url: `/merchant_orders/${id}`, headers: other.auth }), 404, 'not_found');
    expectLegacyError(await put(id, { external_reference: 'theirs' }, other), 404, 'not_found');
    expect((await getMerchantOrder(caja, seller, id)).external_reference).toBe('mine');
    expect((await caja.request({ method: 'GET', url: '/merchant_orders/search?external_reference=mine', headers: other.auth })).json().total).toBe(0);
  });

  it('search pages with limit and offset, filters by status and dates, and sees only 90 days', async () => {
    for (const n of [1, 2, 3]) await post({ external_reference: `page-${n}` });
    const page = await caja.request({ method: 'GET', url: '/merchant_orders/search?limit=2&offset=1&status=opened', headers: seller.auth });
    expect(page.json()).toMatchObject({ total: 4, next_offset: 3 });
    expect(page.json().elements).toHaveLength(2);
    const future = await caja.request({ method: 'GET', url: '/merchant_orders/search?date_created_from=2999-01-01T00:00:00Z', headers: seller.auth });
    expect(future.json().total).toBe(0);
    await advance(caja, seller, 91 * 86_400);
    expect((await caja.request({ method: 'GET', url: '/merchant_orders/search', headers: seller.auth })).json().total).toBe(0);
  });
});
