import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { advance } from '../support/notify.js';
import { as } from '../support/stores-fixtures.js';
import { cancel, created, expectOrdersError, getOrder, idOf, processed, search, shop, type OrderJson, type Shop } from '../support/orders-fixtures.js';

const DAY = 86_400;
// Well-formed but unknown (Crockford base32 only).
const UNKNOWN = 'ORD01K371WBFDS4MD9JG0K8ZMECBE';
// The cash-out guide's own example id: ORD + 26 characters, one of them an L (not Crockford).
const SEED_ID = 'ORD01JYHP5MGKC5PMPZBHSTMLNDQX';
const iso = (ms: number) => new Date(ms).toISOString();

describe('GET /v1/orders/{id}', () => {
  const caja = testbed();
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
  });

  it('answers 200 with the full order, payment details once processed', async () => {
    const o = await processed(caja, s);
    const res = await getOrder(caja, s.seller, o.id);
    expect(res.statusCode).toBe(200);
    const g = res.json();
    expect(g).toMatchObject({ id: o.id, type: 'qr', status: 'processed', status_detail: 'accredited', total_amount: '50.00', currency: 'ARS', country_code: 'ARG' });
    expect(g.transactions.payments).toEqual([
      {
        id: expect.stringMatching(idOf('PAY')),
        amount: '50.00',
        paid_amount: '50.00',
        reference_id: expect.stringMatching(/^\d+$/),
        status: 'processed',
        status_detail: 'accredited',
        payment_method: { id: 'account_money', type: 'account_money', installments: 1 },
      },
    ]);
    expect(Date.parse(g.last_updated_date)).toBeGreaterThanOrEqual(Date.parse(g.created_date));
  });

  it.each(['ORD123', UNKNOWN.toLowerCase(), UNKNOWN.replace('ORD', 'PAY'), `${UNKNOWN}X`, UNKNOWN.slice(0, -1), `${UNKNOWN.slice(0, 10)}-${UNKNOWN.slice(11)}`])(
    'a malformed id %j → 400 invalid_path_param',
    async (id) => {
      expectOrdersError(await getOrder(caja, s.seller, id), 400, 'invalid_path_param');
    },
  );

  it('an unknown, well-formed id → 404 order_not_found', async () => {
    expectOrdersError(await getOrder(caja, s.seller, UNKNOWN), 404, 'order_not_found');
  });

  it('the guide\'s example id (ORD followed by 26 characters) is well-formed: 404 order_not_found, not 400', async () => {
    expectOrdersError(await getOrder(caja, s.seller, SEED_ID), 404, 'order_not_found');
  });

  it("another seller's order → 404 order_not_found", async () => {
    const o = await created(caja, s.seller, s.body());
    expectOrdersError(await getOrder(caja, await caja.seller('MLA'), o.id), 404, 'order_not_found');
  });

  it('reading again answers the same bytes; a change, also one written by another process, is answered afresh', async () => {
    const o = await created(caja, s.seller, s.body());
    const first = await getOrder(caja, s.seller, o.id);
    const again = await getOrder(caja, s.seller, o.id);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    // Canceled through the API: the next read shows it.
    expect((await cancel(caja, s.seller, o.id)).statusCode).toBe(200);
    expect((await getOrder(caja, s.seller, o.id)).json()).toMatchObject({ status: 'canceled' });
    // Another process on the same database writes the row the way every change does: a new version and document.
    const db = caja.runtime.ctx.store.db;
    const row = await db.selectFrom('mp_orders').select(['version', 'document']).where('id', '=', o.id).executeTakeFirstOrThrow();
    const doc = { ...JSON.parse(row.document), external_reference: 'CHANGED_ELSEWHERE' };
    await db.updateTable('mp_orders').set({ version: row.version + 1, document: JSON.stringify(doc) }).where('id', '=', o.id).execute();
    expect((await getOrder(caja, s.seller, o.id)).json()).toMatchObject({ status: 'canceled', external_reference: 'CHANGED_ELSEWHERE' });
  });

  it("another seller's order stays 404 after its owner read it", async () => {
    const o = await created(caja, s.seller, s.body());
    expect((await getOrder(caja, s.seller, o.id)).statusCode).toBe(200);
    expectOrdersError(await getOrder(caja, await caja.seller('MLA'), o.id), 404, 'order_not_found');
  });

  it('no token → 401 unauthorized in the Orders envelope', async () => {
    const o = await created(caja, s.seller, s.body());
    expectOrdersError(await caja.request({ method: 'GET', url: `/v1/orders/${o.id}` }), 401, 'unauthorized');
  });

  // The order's read authenticates in the same statement (auth.ts sellerInRead): still 401 first.
  it('an unknown token → 401 unauthorized, before the id is validated; the owner and an unknown id as before', async () => {
    const o = await created(caja, s.seller, s.body());
    const bad = { authorization: 'Bearer APP_USR-0000000000000000-000000-00000000000000000000000000000000-000000000' };
    expectOrdersError(await caja.request({ method: 'GET', url: `/v1/orders/${o.id}`, headers: bad }), 401, 'unauthorized');
    expectOrdersError(await caja.request({ method: 'GET', url: '/v1/orders/not-an-order-id', headers: bad }), 401, 'unauthorized');
    expect((await getOrder(caja, s.seller, o.id)).statusCode).toBe(200);
    expectOrdersError(await getOrder(caja, s.seller, `${o.id.slice(0, -1)}${o.id.endsWith('0') ? '1' : '0'}`), 404, 'order_not_found');
  });

  it('readable for about 3 months on the seller clock: 200 at 89 days, 404 at 91', async () => {
    const sh = await shop(caja, 'MLA');
    const o = await processed(caja, sh);
    await advance(caja, sh.seller, 89 * DAY);
    expect((await getOrder(caja, sh.seller, o.id)).statusCode).toBe(200);
    await advance(caja, sh.seller, 2 * DAY);
    expectOrdersError(await getOrder(caja, sh.seller, o.id), 404, 'order_not_found');
  });
});

describe('GET /v1/orders (search)', () => {
  const caja = testbed();
  let s: Shop;
  let orders: OrderJson[];
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
    orders = [];
    for (let i = 0; i < 5; i++) orders.push(await created(caja, s.seller, s.body({ external_reference: i < 2 ? 'SHARED_REF' : `REF_${i}` })));
    await cancel(caja, s.seller, orders[3]!.id);
    const paid = await processed(caja, s);
    orders.push(paid);
    // Noise: another seller's orders must never show.
    const other = await shop(caja, 'MLA');
    await created(caja, other.seller, other.body({ external_reference: 'SHARED_REF' }));
  });

  const get = (query: Record<string, string | number>) => search(caja, s.seller, query);
  const ids = (res: { json(): unknown }) => (res.json() as { data: OrderJson[] }).data.map((o) => o.id);
  const newestFirst = () => orders.map((o) => o.id).reverse();

  it('answers {data, paging} with string paging values, newest first, only the seller’s own orders', async () => {
    const res = await get({});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['data', 'paging']);
    expect(body.paging).toEqual({ total: '6', total_pages: '1', offset: '0', limit: expect.stringMatching(/^\d+$/) });
    expect(ids(res)).toEqual(newestFirst());
    expect(body.data.every((o: OrderJson) => o.user_id === String(s.seller.user_id))).toBe(true);
  });

  it('each result is the same document the GET answers', async () => {
    const [first] = (await get({ external_reference: orders[5]!.external_reference })).json().data;
    expect(first).toEqual((await getOrder(caja, s.seller, orders[5]!.id)).json());
  });

  it('sort_order asc and desc', async () => {
    expect(ids(await get({ sort_order: 'asc' }))).toEqual(orders.map((o) => o.id));
    expect(ids(await get({ sort_order: 'desc' }))).toEqual(newestFirst());
    expectOrdersError(await get({ sort_order: 'sideways' }), 400, 'invalid_parameter');
  });

  it('filters by external_reference, status and type', async () => {
    expect(ids(await get({ external_reference: 'SHARED_REF' })).sort()).toEqual([orders[0]!.id, orders[1]!.id].sort());
    expect(ids(await get({ status: 'canceled' }))).toEqual([orders[3]!.id]);
    expect(ids(await get({ status: 'processed' }))).toEqual([orders[5]!.id]);
    expect((await get({ status: 'created' })).json().paging.total).toBe('4');
    expect((await get({ type: 'qr' })).json().paging.total).toBe('6');
    const none = (await get({ type: 'point' })).json();
    expect(none).toEqual({ data: [], paging: { total: '0', total_pages: '0', offset: '0', limit: expect.any(String) } });
  });

  it('pages with page and page_size', async () => {
    const all = newestFirst();
    const p1 = await get({ page: 1, page_size: 4 });
    expect(ids(p1)).toEqual(all.slice(0, 4));
    expect(p1.json().paging).toEqual({ total: '6', total_pages: '2', offset: '0', limit: '4' });
    const p2 = await get({ page: 2, page_size: 4 });
    expect(ids(p2)).toEqual(all.slice(4));
    expect(p2.json().paging).toEqual({ total: '6', total_pages: '2', offset: '4', limit: '4' });
    expect(ids(await get({ page: 3, page_size: 4 }))).toEqual([]);
  });

  it('pages with offset and limit', async () => {
    const res = await get({ offset: 1, limit: 2 });
    expect(ids(res)).toEqual(newestFirst().slice(1, 3));
    expect(res.json().paging).toEqual({ total: '6', total_pages: '3', offset: '1', limit: '2' });
    expectOrdersError(await get({ limit: 0 }), 400, 'invalid_parameter');
    expectOrdersError(await get({ offset: -1 }), 400, 'invalid_parameter');
  });

  it('only orders created between begin_date and end_date', async () => {
    const created0 = Date.parse(orders[0]!.created_date);
    const last = Date.parse(orders[5]!.created_date);
    const res = await get({ begin_date: iso(created0 + 1), end_date: iso(last + DAY * 1000) });
    expect(ids(res)).not.toContain(orders[0]!.id);
    expect(ids(res)).toContain(orders[5]!.id);
    const before = await get({ begin_date: iso(created0 - 10 * DAY * 1000), end_date: iso(created0 - 1) });
    expect(before.json().paging.total).toBe('0');
  });

  it.each([['begin_date'], ['end_date']])('missing %s → 400', async (name) => {
    const q = new URLSearchParams({ begin_date: iso(Date.now() - 1000), end_date: iso(Date.now()) });
    q.delete(name);
    expectOrdersError(await as(caja, s.seller, { method: 'GET', url: `/v1/orders?${q}` }), 400, 'missing_required_params', name);
  });

  it('no parameters at all → 400 naming both dates', async () => {
    const errors = expectOrdersError(await as(caja, s.seller, { method: 'GET', url: '/v1/orders' }), 400, 'missing_required_params');
    const details = errors.flatMap((e) => e.details).join(' ');
    expect(details).toContain('begin_date');
    expect(details).toContain('end_date');
  });

  it.each(['2025-08-21', '2025-08-21 10:00:00', 'yesterday', '2025-13-01T00:00:00Z', '2025-02-30T00:00:00Z', '1724198400', '2025-08-21T10:00:00'])(
    'begin_date %j is not RFC 3339 → 400 invalid_parameter',
    async (begin_date) => {
      expectOrdersError(await get({ begin_date, end_date: '2025-08-22T00:00:00Z' }), 400, 'invalid_parameter', 'begin_date');
    },
  );

  it('accepts RFC 3339 with an offset and fractional seconds', async () => {
    const res = await get({ begin_date: '2025-08-21T00:00:00.123-03:00', end_date: '2025-09-01T10:00:00+02:00' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('exactly 30 days apart → 200; more → 400 invalid_parameter', async () => {
    const end = Date.now() + 1000;
    expect((await get({ begin_date: iso(end - 30 * DAY * 1000), end_date: iso(end) })).statusCode).toBe(200);
    expectOrdersError(await get({ begin_date: iso(end - 30 * DAY * 1000 - 1000), end_date: iso(end) }), 400, 'invalid_parameter', 'end_date');
  });

  it('end_date before begin_date → 400 invalid_parameter', async () => {
    expectOrdersError(await get({ begin_date: iso(Date.now()), end_date: iso(Date.now() - 60_000) }), 400, 'invalid_parameter', 'end_date');
  });

  it('no token → 401 unauthorized in the Orders envelope', async () => {
    expectOrdersError(await caja.request({ method: 'GET', url: `/v1/orders?begin_date=${iso(0)}&end_date=${iso(1000)}` }), 401, 'unauthorized');
  });
});
