import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, codes, createTerminal, openShop, setup, type Shop, type TerminalView } from './fixtures.js';

describe("Point terminals: one seller cannot reach another's", () => {
  const caja = testbed();
  let owner: Shop;
  let intruder: Shop;
  let t: TerminalView;
  beforeAll(async () => {
    owner = await openShop(caja, 'MLA');
    intruder = await openShop(caja, 'MLA');
    t = await createTerminal(caja, owner);
  });

  const ownerView = async () => (await as(caja, owner.seller, { method: 'GET', url: `/sandbox/terminals/${t.id}` })).json() as TerminalView;

  it("another seller's terminals are absent from every list, whatever the filter", async () => {
    for (const q of ['', `?pos_id=${owner.posId}`, `?store_id=${owner.storeId}`]) {
      const list = await as(caja, intruder.seller, { method: 'GET', url: `/terminals/v1/list${q}` });
      expect(list.json().paging.total, q).toBe(0);
      const devices = await as(caja, intruder.seller, { method: 'GET', url: `/point/integration-api/devices${q}` });
      expect(devices.json().devices, q).toEqual([]);
    }
    const sandbox = await as(caja, intruder.seller, { method: 'GET', url: '/sandbox/terminals' });
    expect(sandbox.json().total).toBe(0);
  });

  it("setting up another seller's terminal is 404 not_found and changes nothing", async () => {
    const res = await setup(caja, intruder.seller, t.id, 'PDV');
    expect(res.statusCode).toBe(404);
    expect(codes(res)).toEqual(['not_found']);
    const legacy = await as(caja, intruder.seller, { method: 'PATCH', url: `/point/integration-api/devices/${t.id}`, payload: { operating_mode: 'PDV' } });
    expect(legacy.statusCode).toBe(404);
    expect((await ownerView()).operating_mode).toBe('STANDALONE');
  });

  it("the sandbox hides another seller's terminal and refuses its POS", async () => {
    expect((await as(caja, intruder.seller, { method: 'GET', url: `/sandbox/terminals/${t.id}` })).statusCode).toBe(404);
    const patch = await as(caja, intruder.seller, { method: 'PATCH', url: `/sandbox/terminals/${t.id}`, payload: { take_delay_ms: 0 } });
    expect(patch.statusCode).toBe(404);
    expect((await ownerView()).settings.take_delay_ms).toBe(3000);
    const create = await as(caja, intruder.seller, { method: 'POST', url: '/sandbox/terminals', payload: { pos_id: owner.posId, model: 'PAX_A910' } });
    expect(create.statusCode).toBe(400);
    const list = await as(caja, owner.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect(list.json().paging.total).toBe(1);
  });

  it("a PDV terminal of one seller does not block another seller's POS", async () => {
    expect((await setup(caja, owner.seller, t.id, 'PDV')).statusCode).toBe(200);
    const mine = await createTerminal(caja, intruder);
    expect((await setup(caja, intruder.seller, mine.id, 'PDV')).statusCode).toBe(200);
  });
});
