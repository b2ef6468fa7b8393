import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, extId, HOURS, SITE_PLACES, storeBody, type SiteKey } from '../support/stores-fixtures.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('stores: the happy path', () => {
  const caja = testbed();
  let seller: TestSeller;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
  });

  describe('POST /users/{user_id}/stores', () => {
    it('answers 200 with the documented shape', async () => {
      const body = storeBody(seller);
      const res = await as(caja, seller, { method: 'POST', url: `/users/${seller.user_id}/stores`, payload: body });
      expect(res.statusCode).toBe(200);
      const store = res.json() as Record<string, unknown>;
      expect(Number.isSafeInteger(store.id)).toBe(true);
      expect(store).toEqual({
        id: expect.any(Number),
        name: 'Sucursal Centro',
        date_created: expect.stringMatching(ISO),
        business_hours: HOURS,
        location: {
          address_line: 'Av. Corrientes 1234, CABA, Capital Federal',
          reference: 'Near the corner',
          latitude: -34.6037,
          longitude: -58.3816,
        },
        external_id: body.external_id,
      });
      expect(Math.abs(Date.parse(store.date_created as string) - Date.now())).toBeLessThan(60_000);
    });

    it.each(Object.keys(SITE_PLACES) as SiteKey[])('accepts a store inside %s', async (site) => {
      const s = await caja.seller(site);
      const place = SITE_PLACES[site];
      const store = await createStore(caja, s);
      expect(store.location).toMatchObject({
        address_line: `${place.street_name} ${place.street_number}, ${place.city_name}, ${place.state_name}`,
        latitude: place.latitude,
        longitude: place.longitude,
      });
    });

    it('accepts a store with only the required fields', async () => {
      const { street_name, street_number, city_name, state_name, latitude, longitude } = SITE_PLACES.MLA;
      const res = await as(caja, seller, {
        method: 'POST',
        url: `/users/${seller.user_id}/stores`,
        payload: { name: 'Minimal', external_id: extId('MIN'), location: { street_name, street_number, city_name, state_name, latitude, longitude } },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Minimal', location: { address_line: 'Av. Corrientes 1234, CABA, Capital Federal' } });
    });

    it('gives each store its own id', async () => {
      const [a, b] = [await createStore(caja, seller), await createStore(caja, seller)];
      expect(a.id).not.toBe(b.id);
    });

    it('lets two sellers use the same external_id', async () => {
      const other = await caja.seller('MLA');
      const ext = extId('SHARED');
      const a = await createStore(caja, seller, { external_id: ext });
      const b = await createStore(caja, other, { external_id: ext });
      expect(a.external_id).toBe(ext);
      expect(b.external_id).toBe(ext);
    });

    it('accepts four opening ranges a day and 23:59 as a closing time', async () => {
      const day = [{ open: '00:00', close: '06:00' }, { open: '07:00', close: '12:00' }, { open: '13:00', close: '18:00' }, { open: '19:00', close: '23:59' }];
      const store = await createStore(caja, seller, { business_hours: { sunday: day } });
      expect(store.business_hours).toEqual({ sunday: day });
    });
  });

  describe('GET /stores/{id}', () => {
    it('answers the store with date_creation (sic)', async () => {
      const created = await createStore(caja, seller);
      const res = await as(caja, seller, { method: 'GET', url: `/stores/${created.id}` });
      expect(res.statusCode).toBe(200);
      const got = res.json() as Record<string, unknown>;
      expect(got.date_creation).toBe(created.date_created);
      expect(got).not.toHaveProperty('date_created');
      const { date_created: _d, ...rest } = created;
      expect(got).toMatchObject(rest);
    });
  });

  describe('PUT /users/{user_id}/stores/{id}', () => {
    it('updates only the fields it is given', async () => {
      const created = await createStore(caja, seller);
      const res = await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/${created.id}`, payload: { name: 'Renamed' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: created.id, name: 'Renamed', location: created.location, business_hours: HOURS, external_id: created.external_id });
      // The update page prints both spellings (supplement §9).
      expect(res.json()).toMatchObject({ date_created: created.date_created, date_creation: created.date_created });
      const got = await as(caja, seller, { method: 'GET', url: `/stores/${created.id}` });
      expect(got.json()).toMatchObject({ name: 'Renamed', date_creation: created.date_created });
    });

    it('replaces location and business hours', async () => {
      const created = await createStore(caja, seller);
      const location = { ...SITE_PLACES.MLA, street_name: 'Av. Santa Fe', street_number: '3253' };
      const business_hours = { friday: [{ open: '10:00', close: '22:00' }] };
      const res = await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/${created.id}`, payload: { location, business_hours } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ business_hours, location: { address_line: 'Av. Santa Fe 3253, CABA, Capital Federal' } });
    });

    it("renames the store's external_id and its POS follow", async () => {
      const store = await createStore(caja, seller);
      const pos = await createPos(caja, seller, store);
      const ext = extId('REN');
      const res = await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/${store.id}`, payload: { external_id: ext } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ external_id: ext });
      const got = await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` });
      expect(got.json()).toMatchObject({ store_id: String(store.id), external_store_id: ext });
    });
  });

  describe('DELETE /users/{user_id}/stores/{id}', () => {
    it('answers 200 {store, user} (supplement §9), then the store is gone', async () => {
      const created = await createStore(caja, seller);
      const res = await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/${created.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ store: created.id, user: seller.user_id });
      expectLegacy(await as(caja, seller, { method: 'GET', url: `/stores/${created.id}` }), 404);
      expectLegacy(await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/${created.id}` }), 404);
    });

    it('frees the external_id for a new store', async () => {
      const created = await createStore(caja, seller);
      await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/${created.id}` });
      const again = await createStore(caja, seller, { external_id: created.external_id });
      expect(again.id).not.toBe(created.id);
    });

    it('unlinks its POS: they stay, without a store, their QR still resolves, and they can be linked again', async () => {
      const store = await createStore(caja, seller);
      const pos = await createPos(caja, seller, store);
      const qr = (await as(caja, seller, { method: 'GET', url: `/sandbox/pos/${pos.id}/qr` })).json() as { qr_data: string };
      expect((await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/${store.id}` })).statusCode).toBe(200);
      const got = await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ id: pos.id, store_id: null, external_store_id: null, external_id: pos.external_id });
      const scan = await caja.request({ method: 'POST', url: '/sandbox/wallet/scan', payload: { qr_data: qr.qr_data } });
      expect(scan.statusCode, scan.body).not.toBe(404);
      expect((await caja.request({ method: 'GET', url: pos.qr.image.replace('http://caja.test', '') })).statusCode).toBe(200);
      const other = await createStore(caja, seller);
      const linked = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { store_id: other.id } });
      expect(linked.json()).toMatchObject({ store_id: String(other.id), external_store_id: other.external_id });
    });
  });

  describe('GET /users/{user_id}/stores/search', () => {
    let s: TestSeller;
    const exts: string[] = [];
    beforeAll(async () => {
      s = await caja.seller('MLC');
      for (let i = 0; i < 5; i++) exts.push((await createStore(caja, s, { name: `Store ${i}` })).external_id);
    });

    it('lists every store of the seller with paging', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { paging: unknown; results: Array<{ external_id: string }> };
      expect(body.paging).toEqual({ total: 5, offset: 0, limit: 50 });
      expect(body.results.map((r) => r.external_id)).toEqual(exts);
    });

    it('filters by external_id', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search?external_id=${exts[2]}` });
      const body = res.json() as { paging: { total: number }; results: Array<{ external_id: string; name: string }> };
      expect(body.paging.total).toBe(1);
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({ external_id: exts[2], name: 'Store 2' });
    });

    it('answers 404 store_not_found for an unknown external_id (supplement §9)', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search?external_id=NOPE` });
      expectLegacy(res, 404, 'store_not_found');
    });

    it('prints date_creation (sic) in results', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search?limit=1` });
      const first = (res.json() as { results: Array<Record<string, unknown>> }).results[0];
      expect(first?.date_creation).toMatch(ISO);
      expect(first).not.toHaveProperty('date_created');
    });

    it('pages with limit and offset', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search?limit=2&offset=3` });
      const body = res.json() as { paging: unknown; results: Array<{ external_id: string }> };
      expect(body.paging).toEqual({ total: 5, offset: 3, limit: 2 });
      expect(body.results.map((r) => r.external_id)).toEqual(exts.slice(3, 5));
    });

    it('answers an empty page past the end', async () => {
      const res = await as(caja, s, { method: 'GET', url: `/users/${s.user_id}/stores/search?offset=10` });
      expect(res.json()).toEqual({ paging: { total: 5, offset: 10, limit: 50 }, results: [] });
    });

    it('takes the token as ?access_token= too', async () => {
      const res = await caja.request({ method: 'GET', url: `/users/${s.user_id}/stores/search?access_token=${encodeURIComponent(s.access_token)}` });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { paging: { total: number } }).paging.total).toBe(5);
    });
  });
});

describe('stores without an external_id', () => {
  it('are accepted, as the live "Create store" reference marks only name and location as required', async () => {
    const { startCaja } = await import('../support/harness.js');
    const caja = await startCaja({ workers: false });
    try {
      const s = await caja.seller('MLA');
      const res = await caja.request({
        method: 'POST',
        url: `/users/${s.user_id}/stores`,
        headers: s.auth,
        payload: { name: 'Sin id', location: { street_number: '1', street_name: 'Calle', city_name: 'CABA', state_name: 'Capital Federal', latitude: -34.6, longitude: -58.4 } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).not.toHaveProperty('external_id');
    } finally {
      await caja.close();
    }
  });
});
