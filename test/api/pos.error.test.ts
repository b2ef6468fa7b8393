import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, posBody, posTotal, SITE_CATEGORIES, type CreatedStore } from '../support/stores-fixtures.js';

type Body = Record<string, unknown>;

describe('POS: refusals', () => {
  const caja = testbed();
  let seller: TestSeller;
  let store: CreatedStore;
  let other: CreatedStore;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
    store = await createStore(caja, seller);
    other = await createStore(caja, seller);
  });

  const post = (payload: unknown) => as(caja, seller, { method: 'POST', url: '/pos', payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  /** Runs a refused create and checks nothing was stored. */
  async function refused(payload: unknown, status: number, code?: string, field?: string) {
    const before = await posTotal(caja, seller);
    expectLegacy(await post(payload), status, code, field);
    expect(await posTotal(caja, seller)).toBe(before);
  }

  describe('POST /pos: field validation', () => {
    const cases: Array<[string, (b: Body) => unknown, string, string]> = [
      ['external_id with a dash', (b) => ({ ...b, external_id: 'SUC001-POS1' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id with an underscore', (b) => ({ ...b, external_id: 'SUC001_POS1' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id with a space', (b) => ({ ...b, external_id: 'SUC001 POS1' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id with a non-ASCII letter', (b) => ({ ...b, external_id: 'CAJAÑ1' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id empty', (b) => ({ ...b, external_id: '' }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id of 41 characters', (b) => ({ ...b, external_id: 'A'.repeat(41) }), 'EXTERNAL_ID_TOO_LONG', 'external_id'],
      ['external_id a number', (b) => ({ ...b, external_id: 12345 }), 'INVALID_EXTERNAL_ID', 'external_id'],
      ['external_id missing', ({ external_id: _e, ...b }) => b, 'INVALID_EXTERNAL_ID', 'external_id'],
      ['name of 45 characters', (b) => ({ ...b, name: 'n'.repeat(45) }), 'NAME_TOO_LONG', 'name'],
      ['name empty', (b) => ({ ...b, name: '' }), 'INVALID_NAME', 'name'],
      ['name missing', ({ name: _n, ...b }) => b, 'INVALID_NAME', 'name'],
      ['fixed_amount a string', (b) => ({ ...b, fixed_amount: 'true' }), 'INVALID_FIXED_AMOUNT', 'fixed_amount'],
      ['fixed_amount missing', ({ fixed_amount: _f, ...b }) => b, 'INVALID_FIXED_AMOUNT', 'fixed_amount'],
      ['store_id not numeric', (b) => ({ ...b, store_id: 'abc' }), 'INVALID_STORE_ID', 'store_id'],
      ['store_id zero', (b) => ({ ...b, store_id: 0 }), 'INVALID_STORE_ID', 'store_id'],
      ['store_id negative', (b) => ({ ...b, store_id: -5 }), 'INVALID_STORE_ID', 'store_id'],
      ['store_id fractional', (b) => ({ ...b, store_id: 1.5 }), 'INVALID_STORE_ID', 'store_id'],
      ['store_id missing', ({ store_id: _s, ...b }) => b, 'INVALID_STORE_ID', 'store_id'],
      ['external_store_id missing', ({ external_store_id: _s, ...b }) => b, 'INVALID_EXTERNAL_STORE_ID', 'external_store_id'],
      ['external_store_id of 61 characters', (b) => ({ ...b, external_store_id: 'S'.repeat(61) }), 'INVALID_EXTERNAL_STORE_ID', 'external_store_id'],
      ['category a string', (b) => ({ ...b, category: '621102' }), 'INVALID_CATEGORY', 'category'],
      ['category zero', (b) => ({ ...b, category: 0 }), 'INVALID_CATEGORY', 'category'],
      ['url not http(s)', (b) => ({ ...b, url: 'ftp://example.com/x' }), 'INVALID_URL', 'url'],
      ['url with a space', (b) => ({ ...b, url: 'https://example.com/a b' }), 'INVALID_URL', 'url'],
      ['url of 301 characters', (b) => ({ ...b, url: `https://example.com/${'u'.repeat(281)}` }), 'URL_TOO_LONG', 'url'],
      ['an unknown field', (b) => ({ ...b, color: 'blue' }), 'UNKNOWN_FIELD_EXCEPTION', 'color'],
    ];
    it.each(cases)('%s → 400', async (_name, mutate, code, field) => {
      await refused(mutate(posBody(store)), 400, code, field);
    });

    it.each([
      ['no body', ''],
      ['JSON null', 'null'],
      ['a JSON array', '[]'],
    ])('%s → 400 MISSING_BODY', async (_name, raw) => {
      await refused(raw, 400, 'MISSING_BODY');
    });

    it('malformed JSON → 400', async () => {
      await refused('{"name": "Caja 1", ', 400, 'json_syntax_error');
    });
  });

  describe('POST /pos: business rules', () => {
    it('a duplicate external_id → 409', async () => {
      const first = await createPos(caja, seller, store);
      await refused(posBody(store, { external_id: first.external_id }), 409, 'point_of_sale_exists', 'external_id');
    });

    it('a duplicate external_id in another store of the seller → 409', async () => {
      const first = await createPos(caja, seller, store);
      await refused(posBody(other, { external_id: first.external_id }), 409, 'point_of_sale_exists');
    });

    it('the same external_id sent five times at once → one 200, four 409, one POS stored', async () => {
      const before = await posTotal(caja, seller);
      const body = posBody(store);
      const results = await Promise.all(Array.from({ length: 5 }, () => post(body)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expectLegacy(r, 409, 'point_of_sale_exists');
      expect(await posTotal(caja, seller)).toBe(before + 1);
    });

    it("external_store_id of another store → EXTERNAL_STORE_ID_NOT_MATCH", async () => {
      await refused(posBody(store, { external_store_id: other.external_id }), 400, 'EXTERNAL_STORE_ID_NOT_MATCH', 'external_store_id');
    });

    it('an unknown external_store_id → INEXISTENT_EXTERNAL_STORE_ID', async () => {
      await refused(posBody(store, { external_store_id: 'NOSUCHSTORE' }), 400, 'INEXISTENT_EXTERNAL_STORE_ID', 'external_store_id');
    });

    it('an unknown store_id → INVALID_STORE_ID', async () => {
      await refused(posBody(store, { store_id: 999_999_999 }), 400, 'INVALID_STORE_ID', 'store_id');
    });

    it('a deleted store → INVALID_STORE_ID', async () => {
      const gone = await createStore(caja, seller);
      await as(caja, seller, { method: 'DELETE', url: `/users/${seller.user_id}/stores/${gone.id}` });
      await refused(posBody(gone), 400, 'INVALID_STORE_ID');
    });

    it.each([
      ["Brazil's gastronomy category", SITE_CATEGORIES.MLB.gastronomy],
      ["Mexico's gas-station category", SITE_CATEGORIES.MLM.gasStation],
      ['an invented category', 1234],
    ])('%s for an Argentine seller → UNKNOWN_MCC', async (_name, category) => {
      await refused(posBody(store, { category }), 400, 'UNKNOWN_MCC', 'category');
    });

    it('a url with fixed_amount false → FIXED_AMOUNT_FALSE', async () => {
      await refused(posBody(store, { fixed_amount: false, url: 'https://example.com/u' }), 400, 'FIXED_AMOUNT_FALSE', 'fixed_amount');
    });
  });

  describe('PUT /pos/{id} refusals leave the POS as it was', () => {
    const cases: Array<[string, () => Body, number, string]> = [
      ['an unknown store_id', () => ({ store_id: 999_999_999 }), 400, 'POS_INVALID_STORE_ID'],
      ["another store's id without its external id", () => ({ store_id: other.id }), 400, 'EXTERNAL_STORE_ID_NOT_MATCH'],
      ["another store's external id alone", () => ({ external_store_id: other.external_id }), 400, 'EXTERNAL_STORE_ID_NOT_MATCH'],
      ['an unknown external_store_id', () => ({ external_store_id: 'NOSUCHSTORE' }), 400, 'INEXISTENT_EXTERNAL_STORE_ID'],
      ['a category of another site', () => ({ category: SITE_CATEGORIES.MLB.gastronomy }), 400, 'POS_UNKNOWN_MCC'],
      ['fixed_amount false with a url', () => ({ fixed_amount: false, url: 'https://example.com/u' }), 400, 'FIXED_AMOUNT_FALSE'],
      ['a name of 45 characters', () => ({ name: 'n'.repeat(45) }), 400, 'NAME_TOO_LONG'],
      ['an external_id with an underscore', () => ({ external_id: 'POS_1' }), 400, 'INVALID_EXTERNAL_ID'],
      ['an unknown field', () => ({ status: 'inactive' }), 400, 'UNKNOWN_FIELD_EXCEPTION'],
    ];
    it.each(cases)('%s', async (_name, patch, status, code) => {
      const pos = await createPos(caja, seller, store);
      const res = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: patch() });
      expectLegacy(res, status, code);
      expect((await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).json()).toEqual(pos);
    });

    it('fixed_amount false on a POS that has a url → FIXED_AMOUNT_FALSE', async () => {
      const pos = await createPos(caja, seller, store, { url: 'https://example.com/u' });
      expectLegacy(await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { fixed_amount: false } }), 400, 'FIXED_AMOUNT_FALSE');
      expect((await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).json()).toEqual(pos);
    });

    it('a url on a POS with fixed_amount false → FIXED_AMOUNT_FALSE', async () => {
      const pos = await createPos(caja, seller, store, { fixed_amount: false });
      expectLegacy(await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { url: 'https://example.com/u' } }), 400, 'FIXED_AMOUNT_FALSE');
      expect((await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).json()).toEqual(pos);
    });

    it("another POS's external_id → 409 and both keep theirs", async () => {
      const [a, b] = [await createPos(caja, seller, store), await createPos(caja, seller, store)];
      expectLegacy(await as(caja, seller, { method: 'PUT', url: `/pos/${b.id}`, payload: { external_id: a.external_id } }), 409, 'point_of_sale_exists');
      expect((await as(caja, seller, { method: 'GET', url: `/pos/${b.id}` })).json()).toEqual(b);
    });

    it('an unknown POS → 404', async () => {
      expectLegacy(await as(caja, seller, { method: 'PUT', url: '/pos/999999999', payload: { name: 'x' } }), 404);
    });
  });

  describe('ids and searches', () => {
    it.each([
      ['GET', '/pos/abc'],
      ['GET', '/pos/-1'],
      ['PUT', '/pos/1e3'],
      ['DELETE', '/pos/x'],
      ['GET', `/pos/${'9'.repeat(16)}`],
    ] as const)('%s %s → 400 INVALID_POS_ID', async (method, url) => {
      expectLegacy(await as(caja, seller, { method, url, ...(method === 'PUT' ? { payload: { name: 'x' } } : {}) }), 400, 'INVALID_POS_ID', 'id');
    });

    it('GET and DELETE of an unknown POS → 404 "POS does not exist"', async () => {
      const get = await as(caja, seller, { method: 'GET', url: '/pos/999999999' });
      expectLegacy(get, 404);
      expect(get.json()).toMatchObject({ message: 'POS does not exist' });
      expectLegacy(await as(caja, seller, { method: 'DELETE', url: '/pos/999999999' }), 404);
    });

    it.each([
      ['external_store_id=NOSUCHSTORE', 'INEXISTENT_EXTERNAL_STORE_ID'],
      ['external_id=POS-1', 'INVALID_EXTERNAL_ID'],
      [`external_id=${'A'.repeat(41)}`, 'EXTERNAL_ID_TOO_LONG'],
      ['store_id=abc', 'INVALID_STORE_ID'],
      ['category=abc', 'INVALID_CATEGORY'],
      ['limit=0', 'INVALID_LIMIT'],
      ['limit=101', 'INVALID_LIMIT'],
      ['offset=-1', 'INVALID_OFFSET'],
    ])('GET /pos?%s → 400 %s', async (query, code) => {
      expectLegacy(await as(caja, seller, { method: 'GET', url: `/pos?${query}` }), 400, code);
    });
  });
});
