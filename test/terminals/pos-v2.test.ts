import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, openShop, type Shop } from './fixtures.js';

describe('POS v2: create and delete with X-Idempotency-Key', () => {
  const caja = testbed();
  let shop: Shop;
  let storeExternalId: string;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
    storeExternalId = (await as(caja, shop.seller, { method: 'GET', url: `/stores/${shop.storeId}` })).json().external_id;
  });

  const post = (key: string | undefined, payload: object) =>
    as(caja, shop.seller, { method: 'POST', url: '/v2/pos', headers: key ? { 'x-idempotency-key': key } : {}, payload });
  const del = (key: string | undefined, id: number | string) =>
    as(caja, shop.seller, { method: 'DELETE', url: `/v2/pos/${id}`, headers: key ? { 'x-idempotency-key': key } : {} });

  it('creates with store_id: the documented shape (qr_response with qr_code, store_id a string, dates without ms)', async () => {
    const res = await post('k-create-1', { name: 'POS-001', store_id: shop.storeId, external_id: 'V2POS001' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'POS-001', status: 'active', user_id: shop.seller.user_id, store_id: String(shop.storeId), external_store_id: storeExternalId, external_id: 'V2POS001' });
    expect(body.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(body.qr_response).toMatchObject({ uuid: expect.any(String), image: expect.stringMatching(/\.png$/), qr_code: expect.stringMatching(/^000201/) });
    expect(body.qr).toBeUndefined();
    const v1 = await as(caja, shop.seller, { method: 'GET', url: `/pos/${body.id}` });
    expect(v1.json()).toMatchObject({ id: body.id, external_id: 'V2POS001' });
  });

  it('creates with external_store_id alone, name and external_id optional', async () => {
    const res = await post('k-create-2', { external_store_id: storeExternalId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().external_id).toMatch(/^[A-Za-z0-9]{1,40}$/);
  });

  it('the same key and body replays the first answer; another body with the key is 400 idempotency_key_already_used', async () => {
    const a = await post('k-create-3', { store_id: String(shop.storeId), external_id: 'V2POS003' });
    const b = await post('k-create-3', { store_id: String(shop.storeId), external_id: 'V2POS003' });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    const c = await post('k-create-3', { store_id: String(shop.storeId), external_id: 'V2POS004' });
    expect(c.statusCode).toBe(400);
    expect(c.json()).toMatchObject({ error: 'idempotency_key_already_used', status: 400 });
  });

  it('refuses a missing key, a missing or mismatched store, a taken external_id, bad fields', async () => {
    const missing = await post(undefined, { store_id: shop.storeId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'bad_request' });
    const cases: object[] = [{}, { store_id: 999999999 }, { external_store_id: 'NOPE' }, { store_id: shop.storeId, external_store_id: 'OTHER' }, { store_id: shop.storeId, external_id: 'V2POS001' }, { store_id: shop.storeId, external_id: 'bad id!' }, { store_id: shop.storeId, fixed_amount: true }, { store_id: shop.storeId, name: 'x'.repeat(45) }];
    let n = 0;
    for (const payload of cases) {
      const res = await post(`k-bad-${n++}`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error, JSON.stringify(payload)).toBe('bad_request');
    }
    // A refused request stores nothing: the key is free for the fixed request.
    expect((await post('k-bad-0', { store_id: shop.storeId, external_id: 'V2POS005' })).statusCode).toBe(201);
  });

  it('deletes: 204, a replay with the same key 200, another key 404 pos_not_found', async () => {
    const created = (await post('k-create-6', { store_id: shop.storeId, external_id: 'V2POS006' })).json();
    const first = await del('k-del-1', created.id);
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const replay = await del('k-del-1', created.id);
    expect(replay.statusCode).toBe(200);
    const again = await del('k-del-2', created.id);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: 'pos_not_found', status: 404 });
    expect((await as(caja, shop.seller, { method: 'GET', url: `/pos/${created.id}` })).statusCode).toBe(404);
  });

  it("delete errors: missing key, bad id, another seller's POS (400 bad_request), 401", async () => {
    expect((await del(undefined, shop.posId)).json()).toMatchObject({ error: 'bad_request', status: 400 });
    const bad = await del('k-del-3', 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('resource_bad_request_error');
    const other = await openShop(caja, 'MLB');
    const theirs = await as(caja, other.seller, { method: 'DELETE', url: `/v2/pos/${shop.posId}`, headers: { 'x-idempotency-key': 'k-x' } });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error).toBe('bad_request');
    expect((await as(caja, shop.seller, { method: 'GET', url: `/pos/${shop.posId}` })).statusCode).toBe(200);
    const anon = await caja.request({ method: 'DELETE', url: `/v2/pos/${shop.posId}`, headers: { 'x-idempotency-key': 'k-y' } });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ error: 'unauthorized', status: 401 });
  });

  it('races: the same key twice at once creates one POS; two keys for one external_id, one wins', async () => {
    const [a, b] = await Promise.all([post('k-race-1', { store_id: shop.storeId, external_id: 'RACE1' }), post('k-race-1', { store_id: shop.storeId, external_id: 'RACE1' })]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const [c, d] = await Promise.all([post('k-race-2', { store_id: shop.storeId, external_id: 'RACE2' }), post('k-race-3', { store_id: shop.storeId, external_id: 'RACE2' })]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([201, 400]);
    const found = await as(caja, shop.seller, { method: 'GET', url: '/pos?external_id=RACE2' });
    expect(found.json().paging.total).toBe(1);
  });
});
