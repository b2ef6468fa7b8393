import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, extId, posBody, SITE_CATEGORIES, type CreatedPos, type CreatedStore, type SiteKey } from '../support/stores-fixtures.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID_PNG = (id: number) => new RegExp(`^http://caja\\.test/instore/merchant/qr/${id}/[0-9a-f]{64}\\.png$`);

describe('POS: the happy path', () => {
  const caja = testbed();
  let seller: TestSeller;
  let store: CreatedStore;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
    store = await createStore(caja, seller);
  });

  describe('POST /pos', () => {
    it('answers 200 with the documented shape', async () => {
      const body = posBody(store, { category: 621102 });
      const res = await as(caja, seller, { method: 'POST', url: '/pos', payload: body });
      expect(res.statusCode, res.body).toBe(200);
      const pos = res.json() as CreatedPos & Record<string, unknown>;
      expect(pos).toEqual({
        id: expect.any(Number),
        qr: { image: expect.any(String), template_document: expect.any(String), template_image: expect.any(String) },
        status: 'active',
        date_created: expect.stringMatching(ISO),
        date_last_updated: expect.stringMatching(ISO),
        uuid: expect.stringMatching(/^[0-9a-f]{64}$/),
        user_id: seller.user_id,
        name: 'Caja 1',
        fixed_amount: true,
        category: 621102,
        // The POS yaml types the response store_id as a string (supplement §9).
        store_id: String(store.id),
        external_store_id: store.external_id,
        external_id: body.external_id,
      });
      const base = `http://caja.test/instore/merchant/qr/${pos.id}`;
      expect(pos.qr).toEqual({
        image: `${base}/${pos.uuid}.png`,
        template_document: `${base}/template_${pos.uuid}.pdf`,
        template_image: `${base}/template_${pos.uuid}.png`,
      });
      expect(pos.date_last_updated).toBe(pos.date_created);
      expect(Math.abs(Date.parse(pos.date_created as string) - Date.now())).toBeLessThan(60_000);
    });

    it('accepts store_id as a numeric string or a number and answers it as a string', async () => {
      expect((await createPos(caja, seller, store, { store_id: String(store.id) })).store_id).toBe(String(store.id));
      expect((await createPos(caja, seller, store, { store_id: store.id })).store_id).toBe(String(store.id));
    });

    it('accepts fixed_amount false without a url, and no category', async () => {
      const pos = await createPos(caja, seller, store, { fixed_amount: false });
      expect(pos.fixed_amount).toBe(false);
      expect(pos).not.toHaveProperty('category');
    });

    it('accepts a url together with fixed_amount true', async () => {
      const pos = await createPos(caja, seller, store, { url: 'https://example.com/unattended' });
      expect(pos).toMatchObject({ url: 'https://example.com/unattended', fixed_amount: true });
    });

    it('accepts a 44-character name and a 40-character external_id', async () => {
      const external_id = extId('L').padEnd(40, 'Z');
      const pos = await createPos(caja, seller, store, { name: 'n'.repeat(44), external_id });
      expect(pos).toMatchObject({ name: 'n'.repeat(44), external_id });
    });

    it('gives each POS its own id and uuid', async () => {
      const [a, b] = [await createPos(caja, seller, store), await createPos(caja, seller, store)];
      expect(a.id).not.toBe(b.id);
      expect(a.uuid).not.toBe(b.uuid);
      expect(a.qr.image).toMatch(UUID_PNG(a.id));
    });

    it.each(Object.entries(SITE_CATEGORIES) as Array<[SiteKey, { gastronomy: number; gasStation: number }]>)(
      "accepts both of %s's documented categories",
      async (site, cats) => {
        const s = await caja.seller(site);
        const st = await createStore(caja, s);
        expect((await createPos(caja, s, st, { category: cats.gastronomy })).category).toBe(cats.gastronomy);
        expect((await createPos(caja, s, st, { category: cats.gasStation })).category).toBe(cats.gasStation);
      },
    );
  });

  describe('GET /pos/{id}', () => {
    it('answers what create answered', async () => {
      const pos = await createPos(caja, seller, store, { category: 473000 });
      const res = await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(pos);
    });
  });

  describe('PUT /pos/{id}', () => {
    it('updates only the fields it is given and keeps id, uuid and QR', async () => {
      const pos = await createPos(caja, seller, store);
      const res = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { name: 'Caja 2', category: 473000 } });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json() as Record<string, unknown>;
      expect(updated).toMatchObject({ id: pos.id, uuid: pos.uuid, qr: pos.qr, name: 'Caja 2', category: 473000, external_id: pos.external_id, store_id: String(store.id), date_created: pos.date_created });
      expect(Date.parse(updated.date_last_updated as string)).toBeGreaterThanOrEqual(Date.parse(pos.date_created as string));
      expect((await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).json()).toEqual(updated);
    });

    it('moves a POS to another store when both store ids are given', async () => {
      const other = await createStore(caja, seller);
      const pos = await createPos(caja, seller, store);
      const res = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { store_id: other.id, external_store_id: other.external_id } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ store_id: String(other.id), external_store_id: other.external_id });
    });

    it('changes external_id and fixed_amount', async () => {
      const pos = await createPos(caja, seller, store);
      const external_id = extId('NEW');
      const res = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: { external_id, fixed_amount: false } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ external_id, fixed_amount: false });
      const found = await as(caja, seller, { method: 'GET', url: `/pos?external_id=${external_id}` });
      expect((found.json() as { results: Array<{ id: number }> }).results.map((r) => r.id)).toEqual([pos.id]);
    });

    it('accepts an empty patch', async () => {
      const pos = await createPos(caja, seller, store);
      const res = await as(caja, seller, { method: 'PUT', url: `/pos/${pos.id}`, payload: {} });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: pos.id, name: pos.name, external_id: pos.external_id });
    });
  });

  describe('DELETE /pos/{id}', () => {
    it('answers 204, then the POS is gone', async () => {
      const pos = await createPos(caja, seller, store);
      const res = await as(caja, seller, { method: 'DELETE', url: `/pos/${pos.id}` });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expectLegacy(await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` }), 404);
      expectLegacy(await as(caja, seller, { method: 'DELETE', url: `/pos/${pos.id}` }), 404);
    });

    it('frees the external_id', async () => {
      const pos = await createPos(caja, seller, store);
      await as(caja, seller, { method: 'DELETE', url: `/pos/${pos.id}` });
      const again = await createPos(caja, seller, store, { external_id: pos.external_id });
      expect(again.id).not.toBe(pos.id);
    });
  });

  describe('GET /pos (search)', () => {
    let s: TestSeller;
    let a: CreatedStore;
    let b: CreatedStore;
    const ids: { a: number[]; b: number[] } = { a: [], b: [] };
    let named: CreatedPos;
    beforeAll(async () => {
      s = await caja.seller('MLB');
      [a, b] = [await createStore(caja, s), await createStore(caja, s)];
      for (let i = 0; i < 3; i++) ids.a.push((await createPos(caja, s, a, { category: 5611203 })).id);
      for (let i = 0; i < 2; i++) ids.b.push((await createPos(caja, s, b, { category: 4731300 })).id);
      named = await createPos(caja, s, b);
      ids.b.push(named.id);
    });
    const search = async (q: string) => {
      const res = await as(caja, s, { method: 'GET', url: `/pos${q}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { paging: { total: number; offset: number; limit: number }; results: Array<{ id: number }> };
      return { paging: body.paging, ids: body.results.map((r) => r.id) };
    };

    it('lists every POS of the seller with paging', async () => {
      expect(await search('')).toEqual({ paging: { total: 6, offset: 0, limit: 50 }, ids: [...ids.a, ...ids.b] });
    });
    it('filters by external_id', async () => {
      expect(await search(`?external_id=${named.external_id}`)).toEqual({ paging: { total: 1, offset: 0, limit: 50 }, ids: [named.id] });
    });
    it('filters by external_store_id', async () => {
      expect((await search(`?external_store_id=${a.external_id}`)).ids).toEqual(ids.a);
    });
    it('filters by store_id', async () => {
      expect((await search(`?store_id=${b.id}`)).ids).toEqual(ids.b);
    });
    it('filters by category', async () => {
      expect((await search('?category=4731300')).ids).toEqual(ids.b.slice(0, 2));
    });
    it('combines filters', async () => {
      expect((await search(`?store_id=${a.id}&category=4731300`)).paging.total).toBe(0);
    });
    it('pages with limit and offset', async () => {
      expect(await search('?limit=2&offset=3')).toEqual({ paging: { total: 6, offset: 3, limit: 2 }, ids: [...ids.a, ...ids.b].slice(3, 5) });
    });
    it('answers an empty page for an unknown external_id', async () => {
      expect(await search('?external_id=NOSUCHPOS')).toEqual({ paging: { total: 0, offset: 0, limit: 50 }, ids: [] });
    });
  });
});
