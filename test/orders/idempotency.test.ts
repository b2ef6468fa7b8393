import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { createPos } from '../support/stores-fixtures.js';
import { cancel, created, expectOrdersError, extId, getOrder, order, orderCount, orderBody, processed, refund, search, shop, type Shop } from '../support/orders-fixtures.js';

describe('X-Idempotency-Key on the Orders API', () => {
  const caja = testbed();
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
  });

  describe('a missing key → 400 empty_required_header', () => {
    it('on create, storing nothing', async () => {
      const fresh = await shop(caja, 'MLA');
      expectOrdersError(await order(caja, fresh.seller, fresh.body(), null), 400, 'empty_required_header');
      expect(await orderCount(caja, fresh.seller)).toBe(0);
    });

    it('on create, an empty or blank key counts as missing', async () => {
      const fresh = await shop(caja, 'MLA');
      for (const k of ['', '   ']) expectOrdersError(await order(caja, fresh.seller, fresh.body(), k), 400, 'empty_required_header');
      expect(await orderCount(caja, fresh.seller)).toBe(0);
    });

    it('on cancel, leaving the order created', async () => {
      const o = await created(caja, s.seller, s.body());
      expectOrdersError(await cancel(caja, s.seller, o.id, null), 400, 'empty_required_header');
      expect((await getOrder(caja, s.seller, o.id)).json().status).toBe('created');
    });

    it('on refund, leaving the order processed', async () => {
      const o = await processed(caja, s);
      expectOrdersError(await refund(caja, s.seller, o.id, undefined, null), 400, 'empty_required_header');
      const after = (await getOrder(caja, s.seller, o.id)).json();
      expect(after.status).toBe('processed');
      expect(after.transactions).not.toHaveProperty('refunds');
    });

    it('GET and search need no key', async () => {
      const o = await created(caja, s.seller, s.body());
      expect((await getOrder(caja, s.seller, o.id)).statusCode).toBe(200);
      expect((await search(caja, s.seller)).statusCode).toBe(200);
    });
  });

  describe('replays', () => {
    it('same key, same body: the same status and byte-identical body, one order stored', async () => {
      const fresh = await shop(caja, 'MLA');
      const body = fresh.body();
      const k = randomUUID();
      const first = await order(caja, fresh.seller, body, k);
      expect(first.statusCode, first.body).toBe(201);
      const second = await order(caja, fresh.seller, body, k);
      expect(second.statusCode).toBe(201);
      expect(second.body).toBe(first.body);
      // The stored text is sent as it is: the same JSON answer the order's GET gives.
      for (const r of [first, second]) expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.json()).toEqual((await getOrder(caja, fresh.seller, first.json().id)).json());
      expect(await orderCount(caja, fresh.seller)).toBe(1);
    });

    it('same key, same body with keys in another order and other whitespace: still a replay', async () => {
      const fresh = await shop(caja, 'MLA');
      const body = fresh.body();
      const k = randomUUID();
      const first = await order(caja, fresh.seller, body, k);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const second = await order(caja, fresh.seller, JSON.stringify(reordered, null, 2), k);
      expect(second.statusCode).toBe(201);
      expect(second.json().id).toBe(first.json().id);
      expect(await orderCount(caja, fresh.seller)).toBe(1);
    });

    it('same key, different body → 409 idempotency_key_already_used, nothing more stored', async () => {
      const fresh = await shop(caja, 'MLA');
      const k = randomUUID();
      expect((await order(caja, fresh.seller, fresh.body(), k)).statusCode).toBe(201);
      expectOrdersError(await order(caja, fresh.seller, fresh.body(), k), 409, 'idempotency_key_already_used');
      expect(await orderCount(caja, fresh.seller)).toBe(1);
    });

    it("the create's key reused on a cancel → 409, and the order stays created (SDK bug #481)", async () => {
      const k = randomUUID();
      const res = await order(caja, s.seller, s.body(), k);
      expect(res.statusCode).toBe(201);
      expectOrdersError(await cancel(caja, s.seller, res.json().id, k), 409, 'idempotency_key_already_used');
      expect((await getOrder(caja, s.seller, res.json().id)).json().status).toBe('created');
    });

    it('a cancel retried with its key replays the 200 instead of answering 409 order_already_canceled', async () => {
      const o = await created(caja, s.seller, s.body());
      const k = randomUUID();
      const first = await cancel(caja, s.seller, o.id, k);
      expect(first.statusCode, first.body).toBe(200);
      const again = await cancel(caja, s.seller, o.id, k);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expectOrdersError(await cancel(caja, s.seller, o.id), 409, 'order_already_canceled');
    });

    it('a refund retried with its key replays and refunds once', async () => {
      const o = await processed(caja, s);
      const k = randomUUID();
      const body = { transactions: [{ id: o.transactions.payments[0].id, amount: '10.00' }] };
      const first = await refund(caja, s.seller, o.id, body, k);
      expect(first.statusCode, first.body).toBe(201);
      expect((await refund(caja, s.seller, o.id, body, k)).body).toBe(first.body);
      expect((await getOrder(caja, s.seller, o.id)).json().transactions.refunds).toHaveLength(1);
    });

    it('keys are per seller: another seller may use the same key', async () => {
      const a = await shop(caja, 'MLA');
      const b = await shop(caja, 'MLA');
      const k = randomUUID();
      const ra = await order(caja, a.seller, a.body(), k);
      const rb = await order(caja, b.seller, b.body(), k);
      expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
      expect(rb.json().id).not.toBe(ra.json().id);
      expect(rb.json().user_id).toBe(String(b.seller.user_id));
    });

    it('a refused request stores nothing: the key works once the POS exists', async () => {
      const fresh = await shop(caja, 'MLA');
      const external_id = extId('P');
      const body = orderBody({ external_id });
      const k = randomUUID();
      expectOrdersError(await order(caja, fresh.seller, body, k), 404, 'pos_not_found');
      await createPos(caja, fresh.seller, fresh.store, { external_id });
      const res = await order(caja, fresh.seller, body, k);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().config.qr.external_pos_id).toBe(external_id);
      expect(await orderCount(caja, fresh.seller)).toBe(1);
    });

    it('a refused request stores nothing: the same key then serves a different, valid body', async () => {
      const fresh = await shop(caja, 'MLA');
      const k = randomUUID();
      expectOrdersError(await order(caja, fresh.seller, fresh.body({ total_amount: '1.00' }), k), 400, 'property_value');
      expect((await order(caja, fresh.seller, fresh.body(), k)).statusCode).toBe(201);
    });

    it('10 concurrent requests with one key: one order, all answers identical', async () => {
      const fresh = await shop(caja, 'MLA');
      const body = fresh.body();
      const k = randomUUID();
      const all = await Promise.all(Array.from({ length: 10 }, () => order(caja, fresh.seller, body, k)));
      expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
      expect(new Set(all.map((r) => r.body)).size).toBe(1);
      expect(await orderCount(caja, fresh.seller)).toBe(1);
    });

    it('10 concurrent creates with distinct keys: ten orders', async () => {
      const fresh = await shop(caja, 'MLA');
      const all = await Promise.all(Array.from({ length: 10 }, () => order(caja, fresh.seller, fresh.body())));
      expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
      expect(new Set(all.map((r) => r.json().id)).size).toBe(10);
      expect(await orderCount(caja, fresh.seller)).toBe(10);
    });
  });

  describe('retention: 24 hours on the seller clock', () => {
    it('within 24 h the key still conflicts; after 86401 s it is free again', async () => {
      const fresh = await shop(caja, 'MLA');
      const k = randomUUID();
      const body = fresh.body({ expiration_time: 'PT3600H' });
      const first = await order(caja, fresh.seller, body, k);
      expect(first.statusCode).toBe(201);
      await advance(caja, fresh.seller, 86_000);
      expectOrdersError(await order(caja, fresh.seller, fresh.body(), k), 409, 'idempotency_key_already_used');
      expect((await order(caja, fresh.seller, body, k)).body).toBe(first.body);
      await advance(caja, fresh.seller, 401);
      const later = await order(caja, fresh.seller, fresh.body(), k);
      expect(later.statusCode, later.body).toBe(201);
      expect(later.json().id).not.toBe(first.json().id);
    });
  });
});
