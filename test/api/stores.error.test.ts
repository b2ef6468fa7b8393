import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, locationWith, SITE_PLACES, storeBody, storeTotal } from '../support/stores-fixtures.js';

type Body = Record<string, unknown>;
const ranges = (n: number) => Array.from({ length: n }, (_, i) => ({ open: `${String(i * 2).padStart(2, '0')}:00`, close: `${String(i * 2 + 1).padStart(2, '0')}:00` }));

describe('stores: refusals', () => {
  const caja = testbed();
  let seller: TestSeller;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
  });

  const loc = (over: Body) => locationWith(seller, over);
  const create = (payload: unknown) =>
    as(caja, seller, { method: 'POST', url: `/users/${seller.user_id}/stores`, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  describe('POST /users/{user_id}/stores answers 400 with the documented code and stores nothing', () => {
    const cases: Array<[string, (b: Body) => unknown, string, string]> = [
      ['name missing', ({ name: _n, ...b }) => b, 'INVALID_NAME', 'name'],
      ['name empty', (b) => ({ ...b, name: '' }), 'INVALID_NAME', 'name'],
      ['name a number', (b) => ({ ...b, name: 42 }), 'INVALID_NAME', 'name'],
      ['name of 101 characters', (b) => ({ ...b, name: 'n'.repeat(101) }), 'INVALID_NAME', 'name'],
      ['location missing', ({ location: _l, ...b }) => b, 'INVALID_LOCATION', 'location'],
      ['location a string', (b) => ({ ...b, location: 'Av. Corrientes 1234' }), 'INVALID_LOCATION', 'location'],
      ['location.street_name missing', (b) => ({ ...b, location: loc({ street_name: undefined }) }), 'INVALID_STREET_NAME', 'street_name'],
      ['location.street_number missing', (b) => ({ ...b, location: loc({ street_number: undefined }) }), 'INVALID_STREET_NUMBER', 'street_number'],
      ['location.city_name missing', (b) => ({ ...b, location: loc({ city_name: undefined }) }), 'INVALID_CITY_NAME', 'city_name'],
      ['location.state_name missing', (b) => ({ ...b, location: loc({ state_name: undefined }) }), 'INVALID_STATE_NAME', 'state_name'],
      ['location.latitude missing', (b) => ({ ...b, location: loc({ latitude: undefined }) }), 'INVALID_LATITUDE', 'latitude'],
      ['location.longitude missing', (b) => ({ ...b, location: loc({ longitude: undefined }) }), 'INVALID_LONGITUDE', 'longitude'],
      ['street_number a number', (b) => ({ ...b, location: loc({ street_number: 1234 }) }), 'INVALID_STREET_NUMBER', 'street_number'],
      ['street_name empty', (b) => ({ ...b, location: loc({ street_name: '' }) }), 'INVALID_STREET_NAME', 'street_name'],
      ['street_name of 151 characters', (b) => ({ ...b, location: loc({ street_name: 's'.repeat(151) }) }), 'INVALID_STREET_NAME', 'street_name'],
      ['street_number of 21 characters', (b) => ({ ...b, location: loc({ street_number: '1'.repeat(21) }) }), 'INVALID_STREET_NUMBER', 'street_number'],
      ['city_name of 101 characters', (b) => ({ ...b, location: loc({ city_name: 'c'.repeat(101) }) }), 'INVALID_CITY_NAME', 'city_name'],
      ['state_name of 101 characters', (b) => ({ ...b, location: loc({ state_name: 'e'.repeat(101) }) }), 'INVALID_STATE_NAME', 'state_name'],
      ['zip_code of 21 characters', (b) => ({ ...b, location: loc({ zip_code: '1'.repeat(21) }) }), 'INVALID_ZIP_CODE', 'zip_code'],
      ['reference of 251 characters', (b) => ({ ...b, location: loc({ reference: 'r'.repeat(251) }) }), 'INVALID_REFERENCE', 'reference'],
      ['latitude a string', (b) => ({ ...b, location: loc({ latitude: '-34.6' }) }), 'INVALID_LATITUDE', 'latitude'],
      ['latitude 91', (b) => ({ ...b, location: loc({ latitude: 91 }) }), 'INVALID_LATITUDE', 'latitude'],
      ['longitude null', (b) => ({ ...b, location: loc({ longitude: null }) }), 'INVALID_LONGITUDE', 'longitude'],
      ['longitude -181', (b) => ({ ...b, location: loc({ longitude: -181 }) }), 'INVALID_LONGITUDE', 'longitude'],
      ['an unknown top-level field', (b) => ({ ...b, color: 'red' }), 'UNKNOWN_FIELD', 'color'],
      ['an unknown location field', (b) => ({ ...b, location: loc({ floor: '3' }) }), 'UNKNOWN_FIELD', 'floor'],
      ['external_id with a dash', (b) => ({ ...b, external_id: 'SUC-001' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id of 61 characters', (b) => ({ ...b, external_id: 'A'.repeat(61) }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id a number', (b) => ({ ...b, external_id: 123 }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['business_hours a string', (b) => ({ ...b, business_hours: '9 to 5' }), 'INVALID_BUSINESS_HOURS', 'business_hours'],
      ['an unknown weekday', (b) => ({ ...b, business_hours: { funday: ranges(1) } }), 'INVALID_DAY', 'funday'],
      ['a day that is not a list', (b) => ({ ...b, business_hours: { monday: { open: '08:00', close: '12:00' } } }), 'INVALID_DAY', 'monday'],
      ['a time of 24:00', (b) => ({ ...b, business_hours: { monday: [{ open: '08:00', close: '24:00' }] } }), 'INVALID_DAY', 'monday'],
      ['a time without a leading zero', (b) => ({ ...b, business_hours: { monday: [{ open: '8:00', close: '12:00' }] } }), 'INVALID_DAY', 'monday'],
      ['a range without close', (b) => ({ ...b, business_hours: { monday: [{ open: '08:00' }] } }), 'INVALID_DAY', 'monday'],
      ['a range opening after it closes', (b) => ({ ...b, business_hours: { tuesday: [{ open: '18:00', close: '09:00' }] } }), 'INVALID_DAY', 'tuesday'],
      ['a range opening when it closes', (b) => ({ ...b, business_hours: { tuesday: [{ open: '09:00', close: '09:00' }] } }), 'INVALID_DAY', 'tuesday'],
      ['five ranges in a day', (b) => ({ ...b, business_hours: { wednesday: ranges(5) } }), 'INVALID_DAY', 'wednesday'],
    ];

    it.each(cases)('%s', async (_name, mutate, code, field) => {
      const before = await storeTotal(caja, seller);
      expectLegacy(await create(mutate(storeBody(seller))), 400, code, field);
      expect(await storeTotal(caja, seller)).toBe(before);
    });
  });

  describe('POST /users/{user_id}/stores: other refusals', () => {
    it.each([
      ['São Paulo for an Argentine seller', SITE_PLACES.MLB.latitude, SITE_PLACES.MLB.longitude],
      ['the Gulf of Guinea (0, 0)', 0, 0],
      ['Madrid', 40.4168, -3.7038],
    ])('refuses coordinates outside the site (%s)', async (_name, latitude, longitude) => {
      const before = await storeTotal(caja, seller);
      const res = await create(storeBody(seller, { location: loc({ latitude, longitude }) }));
      expectLegacy(res, 400);
      expect(res.json()).toMatchObject({ message: 'The store coordinates are outside the site' });
      expect(await storeTotal(caja, seller)).toBe(before);
    });

    it('refuses a duplicate external_id with 400 VALIDATION_ERROR', async () => {
      const first = await createStore(caja, seller);
      const before = await storeTotal(caja, seller);
      expectLegacy(await create(storeBody(seller, { external_id: first.external_id })), 400, 'VALIDATION_ERROR', 'external_id');
      expect(await storeTotal(caja, seller)).toBe(before);
    });

    it('the same external_id sent five times at once → one 200, four VALIDATION_ERROR, one store stored', async () => {
      const before = await storeTotal(caja, seller);
      const body = storeBody(seller);
      const results = await Promise.all(Array.from({ length: 5 }, () => create(body)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400, 400]);
      for (const r of results.filter((x) => x.statusCode === 400)) expectLegacy(r, 400, 'VALIDATION_ERROR');
      expect(await storeTotal(caja, seller)).toBe(before + 1);
    });

    it.each([
      ['malformed JSON', '{"name": "x", "location": {'],
      ['a JSON array', '[{"name": "x"}]'],
      ['a JSON string', '"a store"'],
      ['JSON null', 'null'],
      ['no body at all', ''],
    ])('refuses %s with 400', async (_name, raw) => {
      const before = await storeTotal(caja, seller);
      expectLegacy(await create(raw), 400);
      expect(await storeTotal(caja, seller)).toBe(before);
    });

    it('refuses a non-numeric user id with INVALID_USER_ID', async () => {
      const res = await as(caja, seller, { method: 'POST', url: '/users/me/stores', payload: storeBody(seller) });
      expectLegacy(res, 400, 'INVALID_USER_ID', 'user_id');
    });
  });

  describe('non-numeric ids in the path', () => {
    it.each([
      ['GET /stores/abc', 'GET', '/stores/abc', 'INVALID_STORE_ID'],
      ['GET /stores/-1', 'GET', '/stores/-1', 'INVALID_STORE_ID'],
      ['GET /stores/1.5', 'GET', '/stores/1.5', 'INVALID_STORE_ID'],
      ['PUT /users/abc/stores/1', 'PUT', '/users/abc/stores/1', 'INVALID_USER_ID'],
      ['PUT /users/{me}/stores/abc', 'PUT', '/users/:me/stores/abc', 'INVALID_STORE_ID'],
      ['DELETE /users/abc/stores/1', 'DELETE', '/users/abc/stores/1', 'INVALID_USER_ID'],
      ['DELETE /users/{me}/stores/x1', 'DELETE', '/users/:me/stores/x1', 'INVALID_STORE_ID'],
      ['GET /users/abc/stores/search', 'GET', '/users/abc/stores/search', 'INVALID_USER_ID'],
    ] as const)('%s → 400', async (_name, method, url, code) => {
      const res = await as(caja, seller, { method, url: url.replace(':me', String(seller.user_id)), ...(method === 'PUT' ? { payload: { name: 'x' } } : {}) });
      expectLegacy(res, 400, code);
    });
  });

  describe('unknown ids', () => {
    it('answers 404 for GET, PUT and DELETE of a store that does not exist', async () => {
      expectLegacy(await as(caja, seller, { method: 'GET', url: '/stores/999999999' }), 404);
      expectLegacy(await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/999999999`, payload: { name: 'x' } }), 404);
      expectLegacy(await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/999999999` }), 404);
    });
  });

  describe('PUT /users/{user_id}/stores/{id} refusals leave the store as it was', () => {
    it.each([
      ['an unknown field', { rating: 5 }, 400, 'UNKNOWN_FIELD'],
      ['an empty name', { name: '' }, 400, 'INVALID_NAME'],
      ['a location missing its city', { location: { ...SITE_PLACES.MLA, city_name: undefined } }, 400, 'INVALID_CITY_NAME'],
      ['coordinates outside the site', { location: { ...SITE_PLACES.MLA, latitude: 48.85, longitude: 2.35 } }, 400, undefined],
      ['a range opening after it closes', { business_hours: { monday: [{ open: '20:00', close: '08:00' }] } }, 400, 'INVALID_DAY'],
      ['five ranges in a day', { business_hours: { monday: ranges(5) } }, 400, 'INVALID_DAY'],
      ['an external_id with a space', { external_id: 'SUC 1' }, 400, 'INVALID_EXTERNAL_ID'],
    ])('%s', async (_name, patch, status, code) => {
      const store = await createStore(caja, seller);
      const before = await as(caja, seller, { method: 'GET', url: `/stores/${store.id}` });
      const res = await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/${store.id}`, payload: JSON.stringify(patch) });
      expectLegacy(res, status, code);
      const after = await as(caja, seller, { method: 'GET', url: `/stores/${store.id}` });
      expect(after.json()).toEqual(before.json());
    });

    it("refuses another store's external_id with VALIDATION_ERROR and keeps both", async () => {
      const [a, b] = [await createStore(caja, seller), await createStore(caja, seller)];
      const res = await as(caja, seller, { method: 'PUT', url: `/users/${seller.user_id}/stores/${b.id}`, payload: { external_id: a.external_id } });
      expectLegacy(res, 400, 'VALIDATION_ERROR', 'external_id');
      expect((await as(caja, seller, { method: 'GET', url: `/stores/${b.id}` })).json()).toMatchObject({ external_id: b.external_id });
    });

    it('a store deleted twice: the second answers 404', async () => {
      const store = await createStore(caja, seller);
      await createPos(caja, seller, store);
      const url = `/users/${seller.user_id}/stores/${store.id}`;
      expect((await as(caja, seller, { method: 'DELETE', url })).statusCode).toBe(200);
      expectLegacy(await as(caja, seller, { method: 'DELETE', url }), 404);
    });
  });

  describe('GET /users/{user_id}/stores/search refusals', () => {
    it.each([
      ['limit=0', 'INVALID_LIMIT'],
      ['limit=101', 'INVALID_LIMIT'],
      ['limit=abc', 'INVALID_LIMIT'],
      ['offset=-1', 'INVALID_OFFSET'],
      ['offset=1.5', 'INVALID_OFFSET'],
      [`external_id=${'A'.repeat(61)}`, 'INVALID_EXTERNAL_ID'],
      ['external_id=SUC-1', 'INVALID_EXTERNAL_ID'],
    ])('?%s → 400', async (query, code) => {
      expectLegacy(await as(caja, seller, { method: 'GET', url: `/users/${seller.user_id}/stores/search?${query}` }), 400, code);
    });
  });
});
