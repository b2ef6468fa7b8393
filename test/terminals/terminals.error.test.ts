import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, codes, createTerminal, openShop, setup, type Shop, type TerminalView } from './fixtures.js';

describe('Point terminals: every documented error, and bad input', () => {
  const caja = testbed();
  let shop: Shop;
  let a: TerminalView;
  let b: TerminalView;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLB');
    a = await createTerminal(caja, shop);
    b = await createTerminal(caja, shop, 'PAX_A910');
  });

  it('a second PDV terminal on one POS is 412 and stays STANDALONE', async () => {
    expect((await setup(caja, shop.seller, a.id, 'PDV')).statusCode).toBe(200);
    const res = await setup(caja, shop.seller, b.id, 'PDV');
    expect(res.statusCode).toBe(412);
    expect(res.json().errors[0].message).toBe('Only one pos-store with PDV mode ON or SUSPENDED is allowed');
    const legacy = await as(caja, shop.seller, { method: 'PATCH', url: `/point/integration-api/devices/${b.id}`, payload: { operating_mode: 'PDV' } });
    expect(legacy.statusCode).toBe(412);
    expect(legacy.json()).toMatchObject({ error: 'precondition_failed', status: 412 });
    const list = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect((list.json().data.terminals as TerminalView[]).map((t) => t.operating_mode)).toEqual(['PDV', 'STANDALONE']);
    expect((await setup(caja, shop.seller, a.id, 'STANDALONE')).statusCode).toBe(200);
  });

  it('two terminals of one POS racing to PDV: exactly one wins', async () => {
    const [x, y] = await Promise.all([setup(caja, shop.seller, a.id, 'PDV'), setup(caja, shop.seller, b.id, 'PDV')]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 412]);
    const list = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect((list.json().data.terminals as TerminalView[]).filter((t) => t.operating_mode === 'PDV')).toHaveLength(1);
    await setup(caja, shop.seller, a.id, 'STANDALONE');
    await setup(caja, shop.seller, b.id, 'STANDALONE');
  });

  it('sites other than AR, BR, CL, MX: 400 unsupported_site', async () => {
    const uy = await openShop(caja, 'MLU');
    const t = await createTerminal(caja, uy);
    const res = await setup(caja, uy.seller, t.id, 'PDV');
    expect(res.statusCode).toBe(400);
    expect(codes(res)).toEqual(['unsupported_site']);
  });

  it('setup body errors name the field with the documented codes; nothing changes', async () => {
    const cases: Array<[unknown, string, number]> = [
      [{ terminals: [{ id: a.id, operating_mode: 'PDV' }, { id: b.id, operating_mode: 'PDV' }] }, 'invalid_payload', 400],
      [{ terminals: [] }, 'invalid_payload', 400],
      [{ terminals: [{ id: a.id }] }, 'required_properties', 400],
      [{}, 'required_properties', 400],
      [{ terminals: [{ id: a.id, operating_mode: 'SELF_SERVICE' }] }, 'property_value', 400],
      [{ terminals: [{ id: a.id, operating_mode: 'PDV', extra: 1 }] }, 'unsupported_properties', 400],
      [{ terminals: [{ id: 'VERIFONE__1', operating_mode: 'PDV' }] }, 'property_value', 400],
      [{ terminals: 'x' }, 'invalid_payload', 400],
      [{ terminals: [{ id: 'NEWLAND_N950__SBX9999999', operating_mode: 'PDV' }] }, 'not_found', 404],
    ];
    for (const [payload, code, status] of cases) {
      const res = await as(caja, shop.seller, { method: 'PATCH', url: '/terminals/v1/setup', payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(codes(res), JSON.stringify(payload)).toContain(code);
    }
    const bad = await as(caja, shop.seller, { method: 'PATCH', url: '/terminals/v1/setup', headers: { 'content-type': 'application/json' }, payload: '{"terminals":' });
    expect(bad.statusCode).toBe(400);
    expect(codes(bad)).toEqual(['invalid_payload']);
    const list = await as(caja, shop.seller, { method: 'GET', url: '/terminals/v1/list' });
    expect((list.json().data.terminals as TerminalView[]).every((t) => t.operating_mode === 'STANDALONE')).toBe(true);
  });

  it('a terminal whose POS was deleted cannot go PDV: 403 store_pos_not_found', async () => {
    const other = await openShop(caja, 'MLB');
    const t = await createTerminal(caja, other);
    expect((await as(caja, other.seller, { method: 'DELETE', url: `/pos/${other.posId}` })).statusCode).toBe(204);
    const res = await setup(caja, other.seller, t.id, 'PDV');
    expect(res.statusCode).toBe(403);
    expect(codes(res)).toEqual(['store_pos_not_found']);
  });

  it('list query bounds: limit 1-50, numeric filters', async () => {
    for (const q of ['limit=0', 'limit=51', 'limit=abc', 'offset=-1', 'pos_id=abc', 'store_id=1e3']) {
      const res = await as(caja, shop.seller, { method: 'GET', url: `/terminals/v1/list?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(codes(res), q).toEqual(['property_value']);
    }
  });

  it('no or a wrong token: 401 in each API family envelope', async () => {
    const list = await caja.request({ method: 'GET', url: '/terminals/v1/list' });
    expect(list.statusCode).toBe(401);
    expect(codes(list)).toEqual(['unauthorized']);
    const setupRes = await caja.request({ method: 'PATCH', url: '/terminals/v1/setup', headers: { authorization: 'Bearer nope' }, payload: { terminals: [{ id: a.id, operating_mode: 'PDV' }] } });
    expect(setupRes.statusCode).toBe(401);
    const devices = await caja.request({ method: 'GET', url: '/point/integration-api/devices' });
    expect(devices.statusCode).toBe(401);
    expect(devices.json()).toMatchObject({ error: 'unauthorized', status: 401 });
    const sandbox = await caja.request({ method: 'POST', url: '/sandbox/terminals', payload: { pos_id: shop.posId, model: 'PAX_A910' } });
    expect(sandbox.statusCode).toBe(401);
  });

  it('legacy devices: unknown device 404, bad body 400', async () => {
    const unknown = await as(caja, shop.seller, { method: 'PATCH', url: '/point/integration-api/devices/PAX_A910__SBX9999999', payload: { operating_mode: 'PDV' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found', status: 404 });
    for (const payload of [{}, { operating_mode: 'pdv' }, { operating_mode: 'PDV', x: 1 }]) {
      const res = await as(caja, shop.seller, { method: 'PATCH', url: `/point/integration-api/devices/${a.id}`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
    expect((await as(caja, shop.seller, { method: 'GET', url: '/point/integration-api/devices?limit=500' })).statusCode).toBe(400);
  });

  it('sandbox: bad model, unknown POS, out-of-range settings are 400; unknown terminal 404; nothing stored', async () => {
    const bodies = [{ pos_id: shop.posId, model: 'INGENICO_MOVE2500' }, { pos_id: 999999999, model: 'PAX_A910' }, { pos_id: -1, model: 'PAX_A910' }, { model: 'PAX_A910' }, { pos_id: shop.posId, model: 'PAX_A910', x: 1 }];
    for (const payload of bodies) {
      const res = await as(caja, shop.seller, { method: 'POST', url: '/sandbox/terminals', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const patches = [{}, { take_delay_ms: -1 }, { take_delay_ms: 600_001 }, { take_delay_ms: 1.5 }, { automatic: { after_ms: 10, outcome: 'CONT' } }, { automatic: { after_ms: -5, outcome: 'APRO' } }, { automatic: { outcome: 'APRO' } }];
    for (const payload of patches) {
      const res = await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${a.id}`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await as(caja, shop.seller, { method: 'GET', url: '/sandbox/terminals/PAX_A910__SBX9999999' })).statusCode).toBe(404);
    expect((await as(caja, shop.seller, { method: 'GET', url: '/sandbox/terminals/nonsense' })).statusCode).toBe(400);
    const all = await as(caja, shop.seller, { method: 'GET', url: '/sandbox/terminals' });
    expect(all.json().total).toBe(2);
    const view = await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${a.id}` });
    expect(view.json().settings).toEqual({ take_delay_ms: 3000, automatic: null });
  });
});
