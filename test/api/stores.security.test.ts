import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createStore, expectLegacy, storeBody, storeTotal, type CreatedStore } from '../support/stores-fixtures.js';

describe("stores: one seller cannot reach another's", () => {
  const caja = testbed();
  let owner: TestSeller;
  let intruder: TestSeller;
  let store: CreatedStore;
  beforeAll(async () => {
    owner = await caja.seller('MLA');
    intruder = await caja.seller('MLA');
    store = await createStore(caja, owner);
  });

  const ownerView = async () => (await as(caja, owner, { method: 'GET', url: `/stores/${store.id}` })).json() as Record<string, unknown>;

  it("answers 404 to GET of another seller's store", async () => {
    expectLegacy(await as(caja, intruder, { method: 'GET', url: `/stores/${store.id}` }), 404);
  });

  it("answers 404 to PUT of another seller's store through the intruder's own user id, and changes nothing", async () => {
    const before = await ownerView();
    const res = await as(caja, intruder, { method: 'PUT', url: `/users/${intruder.user_id}/stores/${store.id}`, payload: { name: 'Hijacked' } });
    expectLegacy(res, 404);
    expect(await ownerView()).toEqual(before);
  });

  it("answers 404 to DELETE of another seller's store through the intruder's own user id, and keeps it", async () => {
    expectLegacy(await as(caja, intruder, { method: 'DELETE', url: `/users/${intruder.user_id}/stores/${store.id}` }), 404);
    expect((await as(caja, owner, { method: 'GET', url: `/stores/${store.id}` })).statusCode).toBe(200);
  });

  describe("/users/{other user id}/... answers 404 INVALID_USER_ID and touches nothing", () => {
    it('POST a store', async () => {
      const before = await storeTotal(caja, owner);
      const res = await as(caja, intruder, { method: 'POST', url: `/users/${owner.user_id}/stores`, payload: storeBody(owner) });
      expectLegacy(res, 404, 'INVALID_USER_ID');
      expect(await storeTotal(caja, owner)).toBe(before);
    });

    it('PUT a store', async () => {
      const before = await ownerView();
      const res = await as(caja, intruder, { method: 'PUT', url: `/users/${owner.user_id}/stores/${store.id}`, payload: { name: 'Hijacked' } });
      expectLegacy(res, 404, 'INVALID_USER_ID');
      expect(await ownerView()).toEqual(before);
    });

    it('DELETE a store', async () => {
      expectLegacy(await as(caja, intruder, { method: 'DELETE', url: `/users/${owner.user_id}/stores/${store.id}` }), 404, 'INVALID_USER_ID');
      expect((await as(caja, owner, { method: 'GET', url: `/stores/${store.id}` })).statusCode).toBe(200);
    });

    it('search stores', async () => {
      expectLegacy(await as(caja, intruder, { method: 'GET', url: `/users/${owner.user_id}/stores/search` }), 404, 'INVALID_USER_ID');
    });

    it('a user id that exists nowhere', async () => {
      expectLegacy(await as(caja, intruder, { method: 'GET', url: '/users/1/stores/search' }), 404, 'INVALID_USER_ID');
    });
  });

  it("does not list another seller's stores, even by external_id", async () => {
    const res = await as(caja, intruder, { method: 'GET', url: `/users/${intruder.user_id}/stores/search?external_id=${store.external_id}` });
    expectLegacy(res, 404, 'store_not_found');
  });

  it("lets the intruder reuse the owner's external_id without touching the owner's store", async () => {
    const mine = await createStore(caja, intruder, { external_id: store.external_id, name: 'Mine' });
    expect(mine.id).not.toBe(store.id);
    expect((await ownerView()).name).toBe('Sucursal Centro');
  });

  describe('without a valid token every store endpoint answers 401', () => {
    const routes = (): Array<[string, string, unknown]> => [
      ['POST', `/users/${owner.user_id}/stores`, storeBody(owner)],
      ['GET', `/stores/${store.id}`, undefined],
      ['PUT', `/users/${owner.user_id}/stores/${store.id}`, { name: 'x' }],
      ['DELETE', `/users/${owner.user_id}/stores/${store.id}`, undefined],
      ['GET', `/users/${owner.user_id}/stores/search`, undefined],
    ];

    it.each([
      ['no token', {}],
      ['an unknown token', { authorization: 'Bearer APP_USR-0-000000-ffffffffffffffffffffffffffffffff-0' }],
      ['a malformed Authorization header', { authorization: 'Token abc' }],
    ])('%s', async (_name, headers) => {
      const before = await storeTotal(caja, owner);
      for (const [method, url, payload] of routes()) {
        const res = await caja.request({ method: method as 'GET', url, headers, ...(payload ? { payload: payload as object } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json()).toEqual({ message: expect.any(String), error: 'unauthorized', status: 401, cause: [] });
      }
      expect(await storeTotal(caja, owner)).toBe(before);
      expect((await ownerView()).name).toBe('Sucursal Centro');
    });

    it('checks the token before the body: malformed JSON without a token is 401, not 400', async () => {
      const res = await caja.request({ method: 'POST', url: `/users/${owner.user_id}/stores`, headers: { 'content-type': 'application/json' }, payload: '{oops' });
      expect(res.statusCode).toBe(401);
    });
  });
});
