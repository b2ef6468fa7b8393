import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, posBody, posTotal, type CreatedPos, type CreatedStore } from '../support/stores-fixtures.js';

describe("POS: one seller cannot reach another's", () => {
  const caja = testbed();
  let owner: TestSeller;
  let intruder: TestSeller;
  let store: CreatedStore;
  let pos: CreatedPos;
  let intruderStore: CreatedStore;
  beforeAll(async () => {
    owner = await caja.seller('MLA');
    intruder = await caja.seller('MLA');
    store = await createStore(caja, owner);
    pos = await createPos(caja, owner, store, { category: 621102 });
    intruderStore = await createStore(caja, intruder);
  });

  const ownerView = async () => (await as(caja, owner, { method: 'GET', url: `/pos/${pos.id}` })).json() as Record<string, unknown>;

  it("GET /pos/{id} of another seller's POS → 404", async () => {
    expectLegacy(await as(caja, intruder, { method: 'GET', url: `/pos/${pos.id}` }), 404);
  });

  it("PUT /pos/{id} of another seller's POS → 404 and nothing changes", async () => {
    const res = await as(caja, intruder, { method: 'PUT', url: `/pos/${pos.id}`, payload: { name: 'Hijacked' } });
    expectLegacy(res, 404);
    expect(await ownerView()).toEqual(pos);
  });

  it("PUT cannot move another seller's POS into the intruder's store", async () => {
    const res = await as(caja, intruder, { method: 'PUT', url: `/pos/${pos.id}`, payload: { store_id: intruderStore.id, external_store_id: intruderStore.external_id } });
    expectLegacy(res, 404);
    expect(await ownerView()).toEqual(pos);
  });

  it("DELETE /pos/{id} of another seller's POS → 404 and it stays", async () => {
    expectLegacy(await as(caja, intruder, { method: 'DELETE', url: `/pos/${pos.id}` }), 404);
    expect(await ownerView()).toEqual(pos);
  });

  it("another seller's POS is absent from GET /pos, whatever the filter", async () => {
    const queries = ['', `?external_id=${pos.external_id}`, `?store_id=${store.id}`, '?category=621102'];
    for (const q of queries) {
      const res = await as(caja, intruder, { method: 'GET', url: `/pos${q}` });
      expect(res.statusCode, q).toBe(200);
      expect((res.json() as { results: Array<{ id: number }> }).results.map((r) => r.id), q).not.toContain(pos.id);
      expect((res.json() as { paging: { total: number } }).paging.total, q).toBe(0);
    }
  });

  it("searching by another seller's external_store_id → INEXISTENT_EXTERNAL_STORE_ID, as if it did not exist", async () => {
    const outsider = await caja.seller('MLA');
    expectLegacy(await as(caja, outsider, { method: 'GET', url: `/pos?external_store_id=${store.external_id}` }), 400, 'INEXISTENT_EXTERNAL_STORE_ID');
  });

  it("POST /pos in another seller's store → INVALID_STORE_ID, nothing stored for either", async () => {
    const [before, beforeOwner] = [await posTotal(caja, intruder), await posTotal(caja, owner)];
    expectLegacy(await as(caja, intruder, { method: 'POST', url: '/pos', payload: posBody(store) }), 400, 'INVALID_STORE_ID');
    expect(await posTotal(caja, intruder)).toBe(before);
    expect(await posTotal(caja, owner)).toBe(beforeOwner);
  });

  it("POST /pos naming its own store id with another seller's external_store_id → INEXISTENT_EXTERNAL_STORE_ID", async () => {
    const before = await posTotal(caja, intruder);
    const res = await as(caja, intruder, { method: 'POST', url: '/pos', payload: posBody(intruderStore, { external_store_id: store.external_id }) });
    // The owner's external id is unknown to the intruder unless the intruder happens to use the same one.
    expectLegacy(res, 400, 'INEXISTENT_EXTERNAL_STORE_ID');
    expect(await posTotal(caja, intruder)).toBe(before);
  });

  it("lets the intruder reuse the owner's POS external_id in its own store", async () => {
    const mine = await createPos(caja, intruder, intruderStore, { external_id: pos.external_id });
    expect(mine.id).not.toBe(pos.id);
    expect(mine.user_id).toBe(intruder.user_id);
    expect(await ownerView()).toEqual(pos);
  });

  it("the sandbox QR payload of another seller's POS → 404", async () => {
    expectLegacy(await as(caja, intruder, { method: 'GET', url: `/sandbox/pos/${pos.id}/qr` }), 404);
  });

  describe('without a valid token every POS endpoint answers 401', () => {
    it.each([
      ['no token', {}],
      ['an unknown token', { authorization: 'Bearer APP_USR-0-000000-ffffffffffffffffffffffffffffffff-0' }],
    ])('%s', async (_name, headers) => {
      const routes: Array<[string, string, object | undefined]> = [
        ['POST', '/pos', posBody(store)],
        ['GET', `/pos/${pos.id}`, undefined],
        ['PUT', `/pos/${pos.id}`, { name: 'x' }],
        ['DELETE', `/pos/${pos.id}`, undefined],
        ['GET', '/pos', undefined],
        ['GET', `/sandbox/pos/${pos.id}/qr`, undefined],
      ];
      const before = await posTotal(caja, owner);
      for (const [method, url, payload] of routes) {
        const res = await caja.request({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json()).toEqual({ message: expect.any(String), error: 'unauthorized', status: 401, cause: [] });
      }
      expect(await posTotal(caja, owner)).toBe(before);
      expect(await ownerView()).toEqual(pos);
    });
  });
});
