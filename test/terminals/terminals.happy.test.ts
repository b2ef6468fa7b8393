import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, createTerminal, openShop, secondPos, setup, type Shop, type TerminalView } from './fixtures.js';

describe('Point terminals: create, list, set up, tune the device', () => {
  const caja = testbed();
  let shop: Shop;
  let t1: TerminalView;
  let t2: TerminalView;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    t1 = await createTerminal(caja, shop, 'NEWLAND_N950');
    t2 = await createTerminal(caja, shop, 'PAX_A910');
  });

  it('a new terminal has a TYPE__SERIAL id, is STANDALONE, idle, with the default device settings', () => {
    expect(t1.id).toMatch(/^NEWLAND_N950__SBX\d{7}$/);
    expect(t2.id).toMatch(/^PAX_A910__SBX\d{7}$/);
    expect(t1.id.slice(-7)).not.toBe(t2.id.slice(-7));
    expect(t1).toMatchObject({ model: 'NEWLAND_N950', pos_id: shop.posId, store_id: shop.storeId, external_pos_id: shop.posExternalId, operating_mode: 'STANDALONE' });
    expect(t1.settings).toEqual({ take_delay_ms: 3000, automatic: null });
    expect(t1.screen).toMatchObject({ state: 'idle', charge: null, ticket: null });
  });

  it('GET /terminals/v1/list prints the documented shape and paging', async () => {
    const res = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      data: {
        terminals: [
          { id: t1.id, pos_id: shop.posId, store_id: String(shop.storeId), external_pos_id: shop.posExternalId, operating_mode: 'STANDALONE' },
          { id: t2.id, pos_id: shop.posId, store_id: String(shop.storeId), external_pos_id: shop.posExternalId, operating_mode: 'STANDALONE' },
        ],
      },
      paging: { total: 2, offset: 0, limit: 50 },
    });
  });

  it('pages with limit and offset, and filters by store_id and pos_id', async () => {
    const page = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list?limit=1&offset=1' });
    expect(page.json()).toMatchObject({ data: { terminals: [{ id: t2.id }] }, paging: { total: 2, offset: 1, limit: 1 } });
    const byPos = await as(caja, shop.seller, { method: 'GET', url: `/terminals/v1/list?pos_id=${shop.posId}&store_id=${shop.storeId}` });
    expect(byPos.json().paging.total).toBe(2);
    const none = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list?pos_id=999999999' });
    expect(none.json()).toEqual({ data: { terminals: [] }, paging: { total: 0, offset: 0, limit: 50 } });
  });

  it('PATCH /terminals/v1/setup switches to PDV and back, answering the documented body', async () => {
    const pdv = await setup(caja, shop.seller, t1.id, 'PDV');
    expect(pdv.statusCode, pdv.body).toBe(200);
    expect(pdv.json()).toEqual({ terminals: [{ id: t1.id, operating_mode: 'PDV' }] });
    const again = await setup(caja, shop.seller, t1.id, 'PDV');
    expect(again.statusCode, 'setting PDV twice is not a conflict with itself').toBe(200);
    const list = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect(list.json().data.terminals[0].operating_mode).toBe('PDV');
    const back = await setup(caja, shop.seller, t1.id, 'STANDALONE');
    expect(back.json()).toEqual({ terminals: [{ id: t1.id, operating_mode: 'STANDALONE' }] });
  });

  it('once the PDV terminal of a POS leaves PDV, another may take its place; terminals of other POS are independent', async () => {
    expect((await setup(caja, shop.seller, t1.id, 'PDV')).statusCode).toBe(200);
    expect((await setup(caja, shop.seller, t1.id, 'STANDALONE')).statusCode).toBe(200);
    expect((await setup(caja, shop.seller, t2.id, 'PDV')).statusCode).toBe(200);
    const pos2 = await secondPos(caja, shop, 'SECONDPOS1');
    const res = await as(caja, shop.seller, { method: 'POST', url: '/sandbox/terminals', payload: { pos_id: String(pos2), model: 'PAX_A910' } });
    const t3 = res.json() as TerminalView;
    expect((await setup(caja, shop.seller, t3.id, 'PDV')).statusCode).toBe(200);
    expect((await setup(caja, shop.seller, t2.id, 'STANDALONE')).statusCode).toBe(200);
  });

  it('the sandbox sets the take delay (zero allowed) and automatic mode, and reads the screen', async () => {
    const res = await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${t1.id}`, payload: { take_delay_ms: 0, automatic: { after_ms: 1500, outcome: 'FUND' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toEqual({ take_delay_ms: 0, automatic: { after_ms: 1500, outcome: 'FUND' } });
    const off = await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${t1.id}`, payload: { automatic: null } });
    expect(off.json().settings).toEqual({ take_delay_ms: 0, automatic: null });
    const screen = await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${t1.id}` });
    expect(screen.statusCode).toBe(200);
    expect(screen.json()).toMatchObject({ id: t1.id, screen: { state: 'idle' }, settings: { take_delay_ms: 0 } });
    const all = await as(caja, shop.seller, { method: 'GET', url: '/sandbox/terminals' });
    expect((all.json().results as TerminalView[]).map((t) => t.id)).toEqual(expect.arrayContaining([t1.id, t2.id]));
  });

  it("a POS moved to another store takes its terminals along; a renamed POS shows its new external id", async () => {
    const other = await openShop(caja, 'MLA');
    const store = await as(caja, shop.seller, {
      method: 'POST',
      url: `/users/${shop.seller.user_id}/stores`,
      payload: { name: 'Sucursal 2', external_id: 'MOVEDSTORE', location: { street_number: '1', street_name: 'Calle', city_name: 'CABA', state_name: 'Capital Federal', latitude: -34.6, longitude: -58.4 } },
    });
    expect(store.statusCode, store.body).toBe(200);
    const moved = await as(caja, shop.seller, { method: 'PUT', url: `/pos/${shop.posId}`, payload: { store_id: store.json().id, external_store_id: 'MOVEDSTORE', external_id: 'RENAMED1' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const list = await as(caja, shop.seller, { method: 'GET', url: `/terminals/v1/list?store_id=${store.json().id}` });
    expect(list.json().data.terminals).toMatchObject([
      { id: t1.id, store_id: String(store.json().id), external_pos_id: 'RENAMED1' },
      { id: t2.id, store_id: String(store.json().id), external_pos_id: 'RENAMED1' },
    ]);
    expect((await as(caja, other.seller, { method: 'GET', url: '/terminals/v1/list' })).json().paging.total).toBe(0);
    await as(caja, shop.seller, { method: 'PUT', url: `/pos/${shop.posId}`, payload: { store_id: shop.storeId, external_store_id: `STORE${shop.posExternalId.replace(/^STORE(\d+)POS1$/, '$1')}`, external_id: shop.posExternalId } });
  });

  it('the legacy devices API lists the same terminals (store_id a number) and changes the operating mode', async () => {
    const res = await as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/devices?pos_id=${shop.posId}&limit=10&offset=0` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ devices: [{ id: t1.id, pos_id: shop.posId, store_id: shop.storeId, external_pos_id: shop.posExternalId }, { id: t2.id }], paging: { total: 2, offset: 0, limit: 10 } });
    const patch = await as(caja, shop.seller, { method: 'PATCH', url: `/point/integration-api/devices/${t1.id}`, payload: { operating_mode: 'PDV' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toEqual({ operating_mode: 'PDV' });
  });

  it('terminals created at once get distinct serials', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => createTerminal(caja, shop, 'PAX_A910')));
    expect(new Set(made.map((m) => m.id)).size).toBe(6);
  });
});
