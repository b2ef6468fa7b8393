import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeChanges } from '../../src/store/repos/changes.js';
import { idFloor } from '../../src/core/ids.js';
import { HISTORY_AGGREGATES } from '../../src/sandbox/history/routes.js';
import { testbed, type TestSeller } from '../support/harness.js';
import { v2Order, v2Path } from '../support/legacy-qr.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';

// The legacy QR orders and merchant_orders in the dashboard: caja's list of
// legacy orders (the API has none), their status history, and the change
// probe that tells a watching page one was placed, paid or deleted.
const caja = testbed();
let a: Shop;
let b: Shop;

beforeAll(async () => {
  [a, b] = [await openShop(caja, 'MLA'), await openShop(caja, 'MLA')];
});

const get = (s: TestSeller, url: string) => caja.request({ method: 'GET', url, headers: s.auth });
const dynamic = (s: Shop, ref: string) =>
  caja.request({ method: 'POST', url: `/instore/orders/qr/seller/collectors/${s.seller.user_id}/pos/${s.posExternalId}/qrs`, headers: s.seller.auth, payload: v2Order({ external_reference: ref }) });
const marker = async (s: Shop) => {
  const rows = await probeChanges(caja.runtime.ctx.store.db, [{ sellerId: s.seller.user_id, eventFloor: idFloor('EVT', 0) }]);
  return rows.map((r) => r.marker).sort().join(',');
};

describe('GET /sandbox/instore/orders', () => {
  let dynId: string;
  let qrData: string;

  it("lists only this seller's legacy orders, newest first, with their model, status and amount", async () => {
    const v2 = await caja.request({ method: 'PUT', url: v2Path(a), headers: a.seller.auth, payload: v2Order({ external_reference: 'v2-web' }) });
    expect(v2.statusCode, v2.body).toBe(201);
    // The dynamic order replaces the POS's open legacy order.
    const d = await dynamic(a, 'dyn-web');
    expect(d.statusCode, d.body).toBe(201);
    ({ in_store_order_id: dynId, qr_data: qrData } = d.json() as { in_store_order_id: string; qr_data: string });
    expect((await dynamic(b, 'dyn-other')).statusCode).toBe(201);

    const res = await get(a.seller, '/sandbox/instore/orders');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { results: Array<Record<string, unknown>>; paging: unknown };
    expect(list.results.map((o) => [o.external_reference, o.model, o.status])).toEqual([['dyn-web', 'dynamic', 'open'], ['v2-web', 'v2', 'deleted']]);
    expect(list.results[0]).toMatchObject({ id: dynId, model: 'dynamic', status: 'open', total_amount: '150.50', currency: 'ARS', external_pos_id: a.posExternalId, payment_id: null });
    expect(list.paging).toEqual({ offset: 0, limit: 30 });
    expect((await get(a.seller, '/sandbox/instore/orders?limit=1')).json().results.map((o: { id: string }) => o.id)).toEqual([dynId]);
    expect((await get(a.seller, '/sandbox/instore/orders?limit=1&offset=1')).json().results.map((o: { external_reference: string }) => o.external_reference)).toEqual(['v2-web']);
  });

  it('shows one order with its items and code; another seller and a malformed id get a clear refusal', async () => {
    const one = await get(a.seller, `/sandbox/instore/orders/${dynId}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ id: dynId, qr_data: qrData, title: 'Mesa 4', items: [{ title: 'Pizza', quantity: 2, unit_price: '50.25' }, { title: 'Soda', quantity: 1, unit_price: '50.00' }] });
    const other = await get(b.seller, `/sandbox/instore/orders/${dynId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: 'not_found', status: 404 });
    for (const bad of ['nope', `${dynId}x`, '1-2']) expect((await get(a.seller, `/sandbox/instore/orders/${bad}`)).statusCode, bad).toBe(400);
    for (const q of ['limit=0', 'limit=101', 'offset=-1', 'limit=x']) expect((await get(a.seller, `/sandbox/instore/orders?${q}`)).statusCode, q).toBe(400);
    expect((await caja.request({ method: 'GET', url: '/sandbox/instore/orders' })).statusCode).toBe(401);
  });

  it("keeps the status history of a legacy order and of its merchant_order, each visible to its seller only", async () => {
    const paid = await walletPay(caja, qrData);
    expect(paid.statusCode, paid.body).toBe(201);
    const moId = String((paid.json() as { merchant_order_id: number }).merchant_order_id);
    const h = await get(a.seller, `/sandbox/history/instore_order/${dynId}`);
    expect(h.statusCode, h.body).toBe(200);
    expect((h.json() as { statuses: Array<{ status: string }> }).statuses.map((s) => s.status)).toContain('closed');
    const mo = await get(a.seller, `/sandbox/history/merchant_order/${moId}`);
    expect(mo.statusCode, mo.body).toBe(200);
    expect((mo.json() as { statuses: Array<{ status: string }> }).statuses.map((s) => s.status)).toContain('closed');
    expect((await get(b.seller, `/sandbox/history/instore_order/${dynId}`)).statusCode).toBe(404);
    expect((await get(b.seller, `/sandbox/history/merchant_order/${moId}`)).statusCode).toBe(404);
    expect((await get(a.seller, `/sandbox/history/merchant_order/${dynId}`)).statusCode).toBe(404);
    expect((await get(a.seller, '/sandbox/instore/orders')).json().results.find((o: { id: string }) => o.id === dynId)).toMatchObject({ status: 'closed', payment_id: expect.any(String) });
  });
});

describe('GET /sandbox/instore/orders against arbitrary input', () => {
  it('a list query or an id is 200, 400 or 404 in the legacy envelope, never a 500; the history route the same', async () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.string({ maxLength: 12 }), fc.constant('1e3'), fc.constant('9007199254740993'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('limit', 'offset', 'other'), value, { maxKeys: 3 }), async (q) => {
        const res = await caja.request({ method: 'GET', url: '/sandbox/instore/orders', query: q, headers: a.seller.auth });
        expect([200, 400], `${JSON.stringify(q)} ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 400) expect(res.json()).toMatchObject({ status: 400, error: 'bad_request', message: expect.any(String) });
      }),
      { numRuns: 60 },
    );
    // '.' and '..' are dot-segments the URL itself resolves (to the list, or no route): not ids.
    const id = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }).filter((x) => x !== '.' && x !== '..'), fc.uuid().map((u) => `${a.seller.user_id}-${u}`), fc.uuid().map((u) => `${b.seller.user_id}-${u}`));
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('/sandbox/instore/orders/', '/sandbox/history/instore_order/', '/sandbox/history/merchant_order/'), async (raw, prefix) => {
        const res = await get(a.seller, `${prefix}${encodeURIComponent(raw)}`);
        expect([400, 404], `${prefix}${raw} ${res.body}`).toContain(res.statusCode);
        expect(res.json()).toMatchObject({ status: res.statusCode, error: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 80 },
    );
  });
});

describe('the change probe sees legacy orders', () => {
  it('changes when a legacy order is placed and when it is deleted (neither emits an event)', async () => {
    const before = await marker(a);
    const put = await caja.request({ method: 'PUT', url: v2Path(a), headers: a.seller.auth, payload: v2Order({ external_reference: 'v2-probe' }) });
    expect(put.statusCode, put.body).toBe(201);
    const placed = await marker(a);
    expect(placed).not.toBe(before);
    expect(await marker(a)).toBe(placed);
    const otherBefore = await marker(b);
    expect((await caja.request({ method: 'DELETE', url: v2Path(a), headers: a.seller.auth })).statusCode).toBe(204);
    expect(await marker(a)).not.toBe(placed);
    // Nothing of A moves B's marker.
    expect(await marker(b)).toBe(otherBefore);
  });
});

interface Family {
  key: string;
  title: string;
  list(now: number): string;
  rows(body: unknown): Array<{ id: string; status: string }>;
  detail(id: string, row: { id: string; status: string }): string;
  history?: string;
  statuses?(body: unknown): unknown;
  qrData?(body: unknown): unknown;
  terminal?(body: unknown): unknown;
}

describe("the dashboard's registry of order families (src/web/public/js/families.js)", () => {
  it('names endpoints this caja serves: each list answers, each row opens, each history is kept', async () => {
    // A browser module with no DOM use: Node imports it as is (a variable path keeps it out of the type check).
    const file = '../../src/web/public/js/families.js';
    const { FAMILIES } = (await import(file)) as { FAMILIES: Family[] };
    expect(new Set(FAMILIES.map((f) => f.key)).size).toBe(FAMILIES.length);
    expect(FAMILIES.map((f) => f.key)).toEqual(expect.arrayContaining(['mp', 'instore', 'merchant_orders', 'depay']));
    expect((await caja.request({ method: 'POST', url: `/v1/orders`, headers: { ...a.seller.auth, 'x-idempotency-key': `fam-${Date.now()}` }, payload: { type: 'qr', external_reference: 'fam-1', config: { qr: { external_pos_id: a.posExternalId, mode: 'dynamic' } }, transactions: { payments: [{ amount: '10.00' }] } } })).statusCode).toBe(201);
    const now = Date.parse((await get(a.seller, '/sandbox/clock')).json().now as string);
    for (const f of FAMILIES) {
      if (f.history) expect(HISTORY_AGGREGATES, f.key).toContain(f.history);
      const res = await get(a.seller, f.list(now));
      expect(res.statusCode, `${f.key}: ${res.body}`).toBe(200);
      const rows = f.rows(res.json());
      // The families this file made orders of list them; any other family (a new entry) must at least answer.
      if (['mp', 'instore', 'merchant_orders'].includes(f.key)) expect(rows.length, f.key).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.id, f.key).toEqual(expect.any(String));
        expect(r.status, f.key).toEqual(expect.any(String));
        const one = await get(a.seller, f.detail(r.id, r));
        expect(one.statusCode, `${f.key} ${r.id}: ${one.body}`).toBe(200);
        if (f.history) expect((await get(a.seller, `/sandbox/history/${f.history}/${encodeURIComponent(r.id)}`)).statusCode, `${f.key} ${r.id}`).toBe(200);
      }
      expect(f.rows(undefined)).toEqual([]);
    }
  });
});
